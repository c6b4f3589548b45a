export default defineBackground(() => {
  // Wiring comes with the background issue; see DESIGN.md §3.
});
