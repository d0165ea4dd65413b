/** Placeholder until the page is built (issue #12). */
export default function Page() {
  return null;
}
