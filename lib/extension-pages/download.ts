// Saves text as a file from an extension page: a Blob behind an object URL and a temporary
// <a download>, so no `downloads` permission is needed. The URL is revoked once the click has
// been handed to the browser.
export function downloadText(text: string, filename: string, mimeType: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
