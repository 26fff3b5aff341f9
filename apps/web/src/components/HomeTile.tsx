import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A big tile on a resident's start page: the whole tile is one target that opens what it names. */
export function HomeTile({ to, icon, title, hint, testId, primary }: { to: string; icon: ReactNode; title: string; hint: string; testId: string; primary?: boolean }) {
  return (
    <Link to={to} className={primary ? 'gz-home-button gz-home-primary' : 'gz-home-button'} data-testid={testId}>
      <span className="gz-home-icon" aria-hidden>{icon}</span>
      <span>
        <span className="gz-home-title">{title}</span>
        <span className="gz-home-hint">{hint}</span>
      </span>
    </Link>
  );
}
