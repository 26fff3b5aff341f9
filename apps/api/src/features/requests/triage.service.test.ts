import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestTriage } from '@gongzhi/core';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { triageCorrections } from './requests.table.ts';
import { retrainTriage, suggestFor } from './triage.service.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

// A district that treats installing lifts in old buildings as part of 住建's old-compound renovation
// programme (a big matter), where the shipped corpus files it under the compound's own lifts (small).
const LOCAL = ['老楼加装电梯申请一直没人管', '我们单元想加装电梯，政府补贴怎么申请', '加装电梯的审批卡在哪里了', '旧楼加电梯的补助政策是什么'];

describe('retraining the suggester', () => {
  it('uses the shipped model until a deployment retrains, then learns from staff corrections', async () => {
    const text = '6栋加装电梯的事情什么时候能批下来';
    expect((await suggestFor(ctx.database.db, text)).matter).toBe(suggestTriage(text).matter);
    expect(suggestTriage(text)).toMatchObject({ matter: 'small', category: 'elevator' });
    await ctx.database.db.insert(triageCorrections).values(LOCAL.map((t) => ({
      requestId: '01900000-0000-7000-8000-000000000000', text: t, matter: 'big' as const, category: 'housing',
    })));
    const result = await retrainTriage(ctx.database.db, SYSTEM_ACTOR);
    expect(result.corrections).toBe(LOCAL.length);
    expect(result.heldOutMatterAccuracy).toBeGreaterThan(0.85);
    expect(await suggestFor(ctx.database.db, text)).toMatchObject({ matter: 'big', category: 'housing', department: 'zhujian' });
  });

  it('leaves out a correction whose category belongs to another class (issue 15 · item 7)', async () => {
    const before = (await ctx.database.db.select().from(triageCorrections)).length;
    await ctx.database.db.insert(triageCorrections).values({
      requestId: '01900000-0000-7000-8000-000000000001', text: '楼上邻居每天晚上拖椅子', matter: 'private' as const, category: 'neighbours',
    });
    expect((await retrainTriage(ctx.database.db, SYSTEM_ACTOR)).corrections).toBe(before);
  });
});
