import CouncilsPage from './CouncilsPage.tsx';

/** /my-councils — a resident's councils: where they live, and the levels above. */
export default function MyCouncilsPage() {
  return <CouncilsPage mine />;
}
