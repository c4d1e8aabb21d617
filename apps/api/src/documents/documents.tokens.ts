/** The issued files' store (`DocumentStore` from @laurel/infra/documents). */
export const DOCUMENT_STORE = Symbol('DocumentStore');

/** The certificate forms' store (`CertificateFormStore` from @laurel/infra/documents). */
export const CERTIFICATE_FORM_STORE = Symbol('CertificateFormStore');
