import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcommerceClient, SkuView } from './client.ts';
import { startEcommerce, type EcommerceCloud } from './harness.ts';

describe('ecommerce e2e: restocks and the SKU list (spec §3.1, §3.2, §4.1)', () => {
  let ecommerce: EcommerceCloud;
  let api: EcommerceClient;

  beforeAll(async () => {
    ecommerce = await startEcommerce('e2einventory', { mode: 'accept' }, { warm: (name) => /restockSku|listSkus/.test(name) });
    api = ecommerce.api;
  });
  afterAll(() => ecommerce?.stop());

  it('restocks: 202 echo, the stock counts every lot of the SKU', async () => {
    // Prepare
    const first = { sku: 'PEARS', units: 40, lotId: 'LOT-P1' };

    // Act
    const answer = await api.restock(first);
    await api.restocked({ sku: 'PEARS', units: 2, lotId: 'LOT-P2' }, 42);

    // Assess
    expect(answer).toMatchObject({ status: 202, body: first });
    const { skus } = await api.listSkus({ sku: 'PEARS' });
    expect(skus).toEqual([{ sku: 'PEARS', units: 42, createdAt: expect.any(String), updatedAt: expect.any(String) }]);
    expect(skus[0]!.updatedAt >= skus[0]!.createdAt).toBe(true);
  });

  it('lists one SKU by key (limit and sortDirection ignored), [] for an unknown one', async () => {
    // Prepare
    await api.restocked({ sku: 'LEMONS', units: 7, lotId: 'LOT-L1' });

    // Act
    const byKey = await api.listSkus({ sku: 'LEMONS', limit: 1, sortDirection: 'desc' });
    const unknown = await api.listSkus({ sku: 'NO-SUCH-SKU' });

    // Assess
    expect(byKey).toEqual({ skus: [expect.objectContaining({ sku: 'LEMONS', units: 7 })] });
    expect(unknown).toEqual({ skus: [] });
  });

  it('lists all SKUs by last restock time, ascending by default, desc reversed, in pages with nextToken', async () => {
    // Prepare: restocked one after the other so their restock times differ
    for (const [index, sku] of ['KIWIS', 'MANGOS', 'PLUMS', 'FIGS'].entries()) await api.restocked({ sku, units: index + 1, lotId: `LOT-${sku}` });

    // Act
    const all = (await api.listSkus()).skus;
    const descending = (await api.listSkus({ sortDirection: 'desc', limit: 1000 })).skus;
    const pages: SkuView[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await api.listSkus({ limit: 2, ...(nextToken && { nextToken }) });
      pages.push(page.skus);
      nextToken = page.nextToken;
    } while (nextToken);

    // Assess
    const names = (skus: SkuView[]) => skus.map((sku) => sku.sku);
    expect(names(all)).toEqual(expect.arrayContaining(['PEARS', 'LEMONS', 'KIWIS', 'MANGOS', 'PLUMS', 'FIGS']));
    expect(names(all).slice(-4)).toEqual(['KIWIS', 'MANGOS', 'PLUMS', 'FIGS']);
    expect(all.map((sku) => sku.updatedAt)).toEqual(all.map((sku) => sku.updatedAt).sort());
    expect(names(descending)).toEqual(names(all).reverse());
    expect(pages.slice(0, -1).every((page) => page.length === 2)).toBe(true);
    expect(pages.flat()).toEqual(all);
    expect((await api.listSkus({ limit: 1, sortDirection: 'desc' })).skus).toEqual([all.at(-1)]);
  });

  it('counts a lot once: the same (sku, lotId) again answers 202 with the new echo and adds nothing', async () => {
    // Prepare
    await api.restocked({ sku: 'CHERRIES', units: 10, lotId: 'LOT-C1' });

    // Act
    const again = await api.restock({ sku: 'CHERRIES', units: 99, lotId: 'LOT-C1' });
    await api.restocked({ sku: 'CHERRIES', units: 5, lotId: 'LOT-C2' }, 15);

    // Assess
    expect(again).toMatchObject({ status: 202, body: { sku: 'CHERRIES', units: 99, lotId: 'LOT-C1' } });
    expect(await api.units('CHERRIES')).toBe(15);
  });
});
