import type { SavedView } from '@laurel/infra/saved-views/saved-views';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * Who may open a view by its link: its owner, and anyone of the owner's
 * province (an administrator: any). A view holds filters only, so opening it
 * shows the viewer's own tasks through those filters, never the owner's.
 */
export function mayOpenView(user: AuthenticatedUser, view: SavedView): boolean {
  return (
    view.ownerId === user.userId || user.role === 'admin' || (view.province !== null && view.province === user.province)
  );
}
