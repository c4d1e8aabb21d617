/** The issued files' store (`DocumentStore` from @laurel/infra/documents). */
export const DOCUMENT_STORE = Symbol('DocumentStore');
