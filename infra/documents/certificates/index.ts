export * from './forms';
export { layoutCertificate, MM, type CertificateValues, type Measure, type PlacedField } from './layout';
export { certificatesFor, certificateText, certificatesRecordedAt, type CertificateText } from './certificate';
export {
  renderCalibration,
  renderCertificates,
  type CertificatePrint,
  type CertificatePrintOptions,
} from './render-certificate';
export { CertificateFormStore, FormVersionConflict } from './form-store';
