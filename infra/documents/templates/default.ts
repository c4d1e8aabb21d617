import type { DocumentKind } from '@laurel/domain';
import type { DocumentTemplate } from './template';

const LAW = 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;';
const DECREE =
  'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;';

/**
 * The default wording of each document, after the forms provinces use under
 * Decree 98/2023/NĐ-CP and the layout of Decree 30/2020/NĐ-CP. A province
 * without its own template issues these.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<DocumentKind, DocumentTemplate>> = {
  decision: {
    id: 'default.decision',
    version: 1,
    kind: 'decision',
    parentBody: '',
    // The line breaks where the printed forms break it: the body, then the province.
    issuingBody: 'ỦY BAN NHÂN DÂN\nTỈNH {PROVINCE}',
    symbol: 'QĐ-UBND',
    heading: 'QUYẾT ĐỊNH',
    subject: 'Về việc tặng {awards}',
    addressee: '',
    authority: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {PROVINCE}',
    grounds: [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;',
      LAW,
      DECREE,
      'Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.',
    ],
    opening: [],
    articles: [
      'Tặng {awards} cho {count} cá nhân, tập thể có tên trong danh sách kèm theo Quyết định này, đã có thành tích xuất sắc trong phong trào thi đua năm {year}.',
      'Quyết định này có hiệu lực kể từ ngày ký.',
      'Chánh Văn phòng Ủy ban nhân dân tỉnh, Trưởng Ban Thi đua - Khen thưởng tỉnh, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
    ],
    closing: [],
    recipients: ['Như Điều 3;', 'Ban Thi đua - Khen thưởng tỉnh;', 'Lưu: VT, TĐKT.'],
    signatures: [{ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' }],
    annexHeading: 'DANH SÁCH',
    annexSubheading: 'Cá nhân, tập thể được tặng {awards}',
  },
  proposal_letter: {
    id: 'default.proposal_letter',
    version: 1,
    kind: 'proposal_letter',
    parentBody: '',
    issuingBody: '{UNIT}',
    symbol: 'TTr',
    heading: 'TỜ TRÌNH',
    subject: 'Về việc đề nghị khen thưởng năm {year}',
    addressee: 'Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh {province} (qua Ban Thi đua - Khen thưởng tỉnh).',
    authority: '',
    grounds: [LAW, DECREE],
    opening: [
      'Căn cứ kết quả thực hiện nhiệm vụ năm {year} và biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị, {unit} kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, khen thưởng cho {count} cá nhân, tập thể sau:',
    ],
    articles: [],
    closing: [
      '(Hồ sơ, thành tích của từng cá nhân, tập thể gửi kèm theo.)',
      'Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.',
    ],
    recipients: ['Như trên;', 'Lưu: VT.'],
    signatures: [{ title: 'THỦ TRƯỞNG ĐƠN VỊ' }],
    annexHeading: '',
    annexSubheading: '',
  },
  block_minutes: {
    id: 'default.block_minutes',
    version: 1,
    kind: 'block_minutes',
    parentBody: '',
    issuingBody: '{BLOCK}',
    symbol: 'BB-KTĐ',
    heading: 'BIÊN BẢN',
    subject: 'Họp khối thi đua bình xét, suy tôn và đề nghị khen thưởng năm {year}',
    addressee: '',
    authority: '',
    grounds: [],
    opening: [
      'Các đơn vị thành viên của {block} đã biểu quyết đối với {count} đề nghị khen thưởng năm {year}. Đơn vị có đề nghị không biểu quyết cho đề nghị của mình.',
      'Kết quả biểu quyết như sau:',
    ],
    articles: [],
    closing: [
      'Biên bản được lập từ kết quả biểu quyết ghi nhận trong hệ thống, các thành viên dự họp thống nhất nội dung./.',
    ],
    recipients: [],
    signatures: [{ title: 'THƯ KÝ' }, { title: 'TRƯỞNG KHỐI' }],
    annexHeading: '',
    annexSubheading: '',
  },
  council_minutes: {
    id: 'default.council_minutes',
    version: 1,
    kind: 'council_minutes',
    parentBody: 'ỦY BAN NHÂN DÂN TỈNH {PROVINCE}',
    issuingBody: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG',
    symbol: 'BB-HĐTĐKT',
    heading: 'BIÊN BẢN',
    subject: 'Họp Hội đồng Thi đua - Khen thưởng tỉnh xét đề nghị khen thưởng năm {year}',
    addressee: '',
    authority: '',
    grounds: [],
    opening: [
      'Hội đồng Thi đua - Khen thưởng tỉnh đã cho ý kiến đối với {count} đề nghị khen thưởng. Thành viên thuộc đơn vị có đề nghị không tham gia biểu quyết đề nghị đó. Với hình thức bỏ phiếu kín, biên bản chỉ ghi số phiếu, không ghi ý kiến của từng thành viên.',
      'Kết quả như sau:',
    ],
    articles: [],
    closing: ['Biên bản được lập từ kết quả ghi nhận trong hệ thống, các thành viên Hội đồng thống nhất nội dung./.'],
    recipients: [],
    signatures: [{ title: 'THƯ KÝ HỘI ĐỒNG' }, { title: 'CHỦ TỊCH HỘI ĐỒNG' }],
    annexHeading: '',
    annexSubheading: '',
  },
};
