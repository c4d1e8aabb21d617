import type { TemplateOverrides } from './template';

/**
 * Ninh Thuận's wording: its own commendation regulation among the grounds,
 * and the Department of Home Affairs, which hosts the Board, proposing.
 */
export const NINH_THUAN_TEMPLATES: TemplateOverrides = {
  decision: {
    version: 1,
    grounds: [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
      'Căn cứ Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh Ninh Thuận;',
      'Theo đề nghị của Giám đốc Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh).',
    ],
    recipients: ['Như Điều 3;', 'Sở Nội vụ (Ban TĐKT tỉnh);', 'Lưu: VT, TĐKT.'],
  },
};
