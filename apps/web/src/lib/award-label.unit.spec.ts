import i18next from 'i18next';
import { awardLabel } from './award-label';

const names = { vi: 'Giấy khen của Đảng ủy Khối', en: 'Certificate of the Block Party Committee' };

async function instance(lng: 'vi' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    ns: ['common'],
    defaultNS: 'common',
    resources: { [lng]: { common: { awards: { ProvincialCertificateOfMerit: 'Bằng khen của Chủ tịch UBND tỉnh' } } } },
  });
  return i18n;
}

describe('awardLabel', () => {
  it("takes the glossary's name for a national award", async () => {
    expect(awardLabel(await instance('vi'), 'ProvincialCertificateOfMerit')).toBe('Bằng khen của Chủ tịch UBND tỉnh');
  });

  it("takes a local award's names from the API, Vietnamese first", async () => {
    const code = 'local/nt-party-agencies/excellent-3-years';
    expect(awardLabel(await instance('vi'), code, names)).toBe(names.vi);
    expect(awardLabel(await instance('en'), code, names)).toBe(`${names.en} (${names.vi})`);
  });

  it('falls back to the code, never blank, when nothing names it', async () => {
    const i18n = await instance('vi');
    expect(awardLabel(i18n, 'local/nt-party-agencies/excellent-3-years')).toBe(
      'local/nt-party-agencies/excellent-3-years',
    );
    expect(awardLabel(i18n, undefined)).toBe('');
  });
});
