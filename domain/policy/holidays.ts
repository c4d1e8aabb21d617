/**
 * Vietnam's public holidays for public servants, 2024–2026, as weekdays off
 * (Labour Code 2019 Art. 112, with the Prime Minister's yearly swaps announced
 * by the Ministry of Home Affairs). Weekend days inside a holiday period are
 * off anyway and are not listed. [law]
 *
 * Keep it to confirmed days: a province adds its own, and next year's list is
 * appended when the government announces it.
 */
export const VIETNAM_HOLIDAYS_2024_2026: readonly string[] = [
  // 2024
  '2024-01-01', // New Year
  '2024-02-08', // Tết Giáp Thìn: 29 Chạp – mùng 5 (8–14 Feb)
  '2024-02-09',
  '2024-02-12',
  '2024-02-13',
  '2024-02-14',
  '2024-04-18', // Hùng Kings' Commemoration (10/3 lunar)
  '2024-04-29', // swapped for Saturday 4 May
  '2024-04-30', // Reunification Day
  '2024-05-01', // International Labour Day
  '2024-09-02', // National Day
  '2024-09-03', // National Day, adjacent day
  // 2025
  '2025-01-01', // New Year
  '2025-01-27', // Tết Ất Tỵ: 26 Chạp – mùng 5 (25 Jan – 2 Feb)
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07', // Hùng Kings' Commemoration
  '2025-04-30', // Reunification Day
  '2025-05-01', // International Labour Day
  '2025-05-02', // swapped for Saturday 26 April
  '2025-09-01', // National Day, adjacent day
  '2025-09-02', // National Day
  // 2026
  '2026-01-01', // New Year
  '2026-02-16', // Tết Bính Ngọ: 27 Chạp – mùng 6 (14–22 Feb)
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27', // Hùng Kings' Commemoration falls on Sunday 26 April: compensatory Monday
  '2026-04-30', // Reunification Day
  '2026-05-01', // International Labour Day
  '2026-08-31', // swapped for Saturday 22 August
  '2026-09-01', // National Day, adjacent day
  '2026-09-02', // National Day
];

/** Saturdays worked in exchange for a swapped weekday. [law] */
export const VIETNAM_MAKE_UP_WORKING_DAYS_2024_2026: readonly string[] = ['2024-05-04', '2025-04-26', '2026-08-22'];
