/** `SavedViews` from @laurel/infra/saved-views/saved-views: the users' saved inbox views. */
export const SAVED_VIEWS = Symbol('SavedViews');
