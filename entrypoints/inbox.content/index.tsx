export default defineContentScript({
  matches: ['https://business.facebook.com/latest/inbox/*'],
  main() {
    // Mounting comes with the content-script issue.
  },
});
