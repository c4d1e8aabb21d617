import type { Command } from 'commander';
import type { PublicDecisionList } from '../../../api-client/src/contract';
import type { Client } from '../api-client';
import { renderTable } from '../table';

/** `dd/MM/yyyy` from the feed's local `YYYY-MM-DD`, as a Vietnamese reader writes dates. */
function vietnameseDate(date: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (date ?? '');
}

/**
 * What a province publishes, read as anyone reads it (no sign-in): the same
 * feed as the public page, for a script or a quick look.
 */
export function registerPublic(program: Command, client: Client): void {
  const published = program.command('public').description('what a province publishes (no sign-in needed)');
  published
    .command('decisions')
    .description("a province's published award decisions and their awardees, by campaign year")
    .requiredOption('--province <slug>', 'province, e.g. ninh-thuan')
    .option('--year <year>', 'campaign year (default: the newest with awards)')
    .option('--json', 'the feed as JSON')
    .action(async (options: { province: string; year?: string; json?: boolean }) => {
      const api = await client();
      const feed = await api.json<PublicDecisionList>('/public/decisions', {
        anonymous: true,
        query: { province: options.province, year: options.year },
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${feed.province.name}, năm ${feed.year}\n`);
      for (const decision of feed.decisions) {
        process.stdout.write(
          `\nQuyết định số ${decision.decisionNumber ?? '—'} ngày ${vietnameseDate(decision.decisionDate)}\n`,
        );
        process.stdout.write(
          renderTable(
            ['Họ tên / tập thể', 'Chức vụ', 'Đơn vị', 'Hình thức'],
            decision.awardees.map((a) => [a.name ?? '', a.position ?? '', a.unit ?? '', a.award ?? '']),
          ),
        );
      }
    });
}
