import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { consoleDirectory } from '@ooh/http-kit';
import { approvedCampaign } from './testing/agency-flow';
import { fakePhoto, PlatformHarness } from './testing/platform-harness';
import { freePort } from './testing/platform-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '../../../tmp/console-screenshots');

/**
 * The operations console in a real browser (Debian's Chromium driven by playwright-core) against the
 * platform on a loopback port: signed in with a token, each page opened and its figures compared with
 * the API's, a drill-down clicked, the language switched, at 1366×768 and on a tablet; a screenshot of
 * each page goes to tmp/console-screenshots.
 */
if (!existsSync(CHROMIUM) || !consoleDirectory()) {
  process.stderr.write(
    `SKIPPED: console browser tests — ${!existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` : 'the console is not built (npm run build)'}\n`,
  );
  describe.skip('console in a browser (Chromium or the built console missing)', () => it('needs Chromium and the built console', () => undefined));
} else {
  jest.setTimeout(60_000);

  describe('console in a browser', () => {
    const h = new PlatformHarness();
    let browser: Browser;
    let page: Page;
    let base: string;
    let briefId: string;
    const yuan = (fen: number) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      await h.start({ rateLimitPerMinute: 0 });
      h.clock.set(new Date('2026-12-01T02:00:00Z'));
      const line = {
        lineId: 'L1',
        channel: 'tv',
        vendor: { vendorId: 'v-tv', name: 'Chongqing TV' },
        property: 'CQTV-1',
        market: 'Chongqing',
        dayparts: ['prime'],
        spotLengthSeconds: 15,
        flight: { start: '2027-01-25', end: '2027-02-07' },
        weeks: [{ weekStart: '2027-01-25', units: 3 }],
        pricing: 'per-spot',
        grossRateFen: 200_000,
        commissionPercent: 15,
        estimates: { impressions: 5_000_000, grp: 90, reach: 35, frequency: 2.6 },
      };
      ({ briefId } = await approvedCampaign(h, [line], 1_000_000, [
        { metric: 'grp', channel: 'tv', target: 80 },
        { metric: 'cpp', target: 6_000 },
      ]));
      // Something waits for finance: the contract's receivable is not invoiced yet; and a print job waits on its proof.
      await h.as('wang', 'account-manager').post('/api/production/print-jobs', {
        client: { clientId: 'c-1', name: 'Chongqing Beer Co.' },
        title: 'Winter posters',
        currency: 'CNY',
        neededBy: '2026-12-20',
      });
      const site = await h.as('mei', 'ops-manager').post('/api/operations/sites', {
        siteId: 'CQ-LED-01',
        city: 'Chongqing',
        station: 'Jiefangbei',
        location: 'Exit A',
        kind: 'led-screen',
        faces: ['A', 'B'],
        landlordAuthority: 'CRM',
      });
      expect(site.status).toBe(201);
      // Face A held for ten days of December by a booking request.
      const creative = (await h.as('xiao', 'sales').upload(fakePhoto('console'))).body.blobId;
      const booking = await h.as('xiao', 'sales').post('/api/operations/bookings', {
        advertiser: { name: 'Snow Beer' },
        faces: [{ siteId: 'CQ-LED-01', face: 'A' }],
        period: { start: '2026-12-10', end: '2026-12-19' },
        amountFen: 50_000,
        currency: 'CNY',
        creative: { description: 'Spot', kind: 'video', files: [{ blobId: creative }] },
      });
      expect(booking.status).toBe(201);
      for (let i = 0; i < 3; i++) await h.settle();
      const port = await freePort();
      await h.platform.app.listen(port, '127.0.0.1');
      base = `http://127.0.0.1:${port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
      page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    });
    afterAll(async () => {
      await browser?.close();
      await h.stop();
    });

    it('asks for a token, then opens on what waits for the signed-in person, as the API says', async () => {
      await page.goto(`${base}/console/`);
      await page.getByTestId('sign-in').waitFor();
      await shot('sign-in');
      await page.getByTestId('token').fill(h.token('wang', 'account-manager'));
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('queue-total').waitFor();
      const api = (await h.as('wang', 'account-manager').get('/api/reporting/work-queue')).body;
      expect(api.total).toBeGreaterThan(0);
      expect(await page.getByTestId('queue-total').textContent()).toBe(String(api.total));
      expect(await page.locator('[data-testid=queue-table] tbody tr').count()).toBe(api.total);
      expect(await page.locator('[data-testid=queue-table]').textContent()).toContain('Winter posters');
      await shot('queue');
    });

    it('shows campaign 360 with the API’s figures, in yuan, and drills down into one', async () => {
      await page.goto(`${base}/console/#/campaigns`);
      await page.getByTestId('campaign-link').first().click();
      await page.getByTestId('figures').waitFor();
      const api = (await h.as('wang', 'account-manager').get(`/api/reporting/campaigns/${briefId}/360`)).body;
      expect(await page.getByTestId('campaign-title').textContent()).toBe('Winter 2027');
      for (const m of ['planned', 'authorized', 'contracted'])
        expect([m, await page.getByTestId(`figure-${m}`).textContent()]).toEqual([m, yuan(api.figures[m])]);
      await page.locator('[data-measure=planned]').click();
      await page.getByTestId('facts-table').waitFor();
      expect(await page.getByTestId('drill-total').textContent()).toBe(yuan(api.figures.planned));
      expect(await page.locator('[data-testid=facts-table] tbody tr').count()).toBe(
        (await h.as('wang', 'account-manager').get(`/api/reporting/campaigns/${briefId}/360/facts?measure=planned`)).body.items.length,
      );
      await page.locator('[data-testid=chart] canvas').first().waitFor();
      await shot('campaign-360');
    });

    it('answers as the platform knew it at an instant typed in the operator’s time zone', async () => {
      await page.goto(`${base}/console/#/campaigns/${encodeURIComponent(briefId)}`);
      await page.getByTestId('figures').waitFor();
      // The plan was approved on 1 December (10:00 in Shanghai): as known at the end of 30 November, nothing.
      await page.locator('input[name=knownAt]').fill('2026-11-30T23:59');
      await page.locator('[data-testid=times] button[type=submit]').click();
      await page.waitForURL(/knownAt=2026-11-30T23%3A59%3A00%2B08%3A00/);
      await page.getByTestId('figures').waitFor();
      const api = (await h.as('wang', 'account-manager').get(`/api/reporting/campaigns/${briefId}/360?knownAt=2026-11-30T23:59:00%2B08:00`)).body;
      expect(api.figures.planned).toBe(0);
      expect(await page.getByTestId('figure-planned').textContent()).toBe(yuan(0));
      expect(await page.locator('input[name=knownAt]').inputValue()).toBe('2026-11-30T23:59');
    });

    it('switches to English, and works on a tablet without scrolling sideways', async () => {
      await page.getByTestId('lang').click();
      await page.getByRole('link', { name: 'Waiting for me' }).waitFor();
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.goto(`${base}/console/#/campaigns/${encodeURIComponent(briefId)}`);
      await page.getByTestId('figures').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      expect(await page.locator('.card .label').first().textContent()).toBe('Planned');
      await shot('campaign-360-tablet');
    });

    it('shows the production pipeline as the API does', async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${base}/console/#/pipeline`);
      await page.getByTestId('pipeline-table').waitFor();
      const api = (await h.as('wang', 'account-manager').get('/api/production/reports/pipeline')).body;
      expect(await page.locator('[data-testid=pipeline-table] tbody tr').count()).toBe(api.jobs.length);
      await shot('pipeline');
    });

    it('shows an executive the OOH availability heatmap and the receivables aging, as the API does', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByTestId('token').fill(h.token('boss', 'executive'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Signed in again on the page it was on.
      await page.getByTestId('pipeline-table').waitFor();
      await page.goto(`${base}/console/#/availability?month=2026-12`);
      await page.getByTestId('availability-faces').waitFor();
      const calendar = (await h.as('boss', 'executive').get('/api/operations/availability?from=2026-12-01&to=2026-12-31')).body;
      expect(await page.getByTestId('availability-faces').textContent()).toBe(String(calendar.faces.length));
      await page.locator('[data-testid=heatmap] canvas').first().waitFor();
      await shot('availability');
      await page.goto(`${base}/console/#/occupancy?month=2026-12`);
      await page.getByTestId('occupancy-table').waitFor();
      // One station with two LED faces: 62 face-days in service, the 10 held by the booking request taken.
      expect(calendar.totals.held + calendar.totals.booked + calendar.totals.live).toBe(10);
      expect(await page.locator('[data-testid=occupancy-table] tbody tr').first().textContent()).toBe(
        ['Chongqing', 'Jiefangbei', 'led-screen', '2', '10', '62', '16.1%'].join(''),
      );
      // Reporting's read model of operations' sites and holds says the same as operations' own calendar.
      const occupancy = (await h.as('boss', 'executive').get('/api/reporting/occupancy?month=2026-12')).body;
      expect(occupancy.rows).toEqual([
        { city: 'Chongqing', station: 'Jiefangbei', kind: 'led-screen', faces: 2, faceDaysInService: 62, faceDaysTaken: 10, occupancyPercent: 16.1 },
      ]);
      await page.goto(`${base}/console/#/aging`);
      await page.getByTestId('aging-total').waitFor();
      const aging = (await h.as('boss', 'executive').get('/api/finance/reports/receivables-aging')).body;
      const total = Object.values(aging.totals as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(0);
      expect(await page.getByTestId('aging-total').textContent()).toBe(
        new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(total / 100),
      );
      await shot('aging');
      await page.goto(`${base}/console/#/fault-sla?month=2026-12`);
      await page.getByTestId('sla-table').waitFor();
      const sla = (await h.as('boss', 'executive').get('/api/operations/reports/fault-sla?from=2026-12-01&to=2026-12-31')).body;
      // One row per severity, then the total.
      expect(await page.locator('[data-testid=sla-table] tbody tr').count()).toBe(sla.rows.length + 1);
      await shot('fault-sla');
      await page.goto(`${base}/console/#/postings?month=2026-12`);
      await page.locator('section h2').waitFor();
      expect((await h.as('boss', 'executive').get('/api/operations/posting-register?from=2026-12-01&to=2026-12-31')).body.items).toEqual([]);
      expect(await page.locator('.empty').textContent()).toBe('Nothing here.');
    });

    it('opens a campaign’s reconciliation from its 360', async () => {
      await page.goto(`${base}/console/#/campaigns/${encodeURIComponent(briefId)}`);
      await page.getByTestId('reconciliation-link').click();
      await page.locator('section h2', { hasText: 'Reconciliation per order line' }).waitFor();
      const rec = (await h.as('boss', 'executive').get(`/api/reporting/campaigns/${briefId}/reconciliation`)).body;
      expect(await page.locator('.summary').textContent()).toContain(`Proof due by: ${rec.cutoff}`);
    });

    it('opens the post-campaign evaluation from the 360, exports it and prints it without the console around it', async () => {
      await page.goto(`${base}/console/#/campaigns/${encodeURIComponent(briefId)}`);
      await page.getByTestId('post-buy-link').click();
      await page.getByTestId('kpi-table').waitFor();
      const api = (await h.as('boss', 'executive').get(`/api/reporting/campaigns/${briefId}/post-buy`)).body;
      expect(await page.locator('[data-testid=kpi-table] tbody tr').count()).toBe(api.kpis.length);
      expect(await page.locator('[data-testid=kpi-table] tbody tr').first().textContent()).toContain('Not measured yet');
      expect(await page.locator('[data-testid=post-buy-lines] tbody tr').first().textContent()).toContain('90');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
      expect(download.suggestedFilename()).toBe(`post-buy-${briefId}.xlsx`);
      await shot('post-buy');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header').isVisible()).toBe(false);
      expect(await page.getByTestId('toolbar').isVisible()).toBe(false);
      expect(await page.getByTestId('kpi-table').isVisible()).toBe(true);
      await shot('post-buy-print');
      await page.emulateMedia({ media: 'screen' });
    });
  });
}
