import { z } from 'zod';
import type { Flow, Module } from '../../src/bot/context.js';
import { formStateSchema, startForm, validateForm, walkForm } from '../../src/bot/form.js';
import { access } from '../../src/bot/people.js';
import type { FormSpec } from '../../src/bot/types.js';

/** Test-only commands: a gated question, a form flow answered as a modal, a role-checked button. */
export const probeSpec: FormSpec = {
  id: 'probe',
  title: 'Đăng ký thử nghiệm của đơn vị',
  fields: [
    { id: 'headcount', label: 'Số cán bộ', kind: 'number', schema: z.number().int().min(1, { message: 'ít nhất 1' }), initial: 12 },
    {
      id: 'title',
      label: 'Danh hiệu tập thể',
      kind: 'choice',
      schema: z.enum(['ttldxs', 'ttldtt']),
      choices: [
        { label: 'Tập thể lao động xuất sắc', value: 'ttldxs' },
        { label: 'Tập thể lao động tiên tiến', value: 'ttldtt' },
      ],
    },
    { id: 'extra', label: 'Hình thức khen', kind: 'multi', optional: true, schema: z.array(z.string()).optional(), choices: [{ label: 'Bằng khen', value: 'bk' }, { label: 'Giấy khen', value: 'gk' }] },
    { id: 'targets', label: 'Chỉ tiêu (mỗi dòng một chỉ tiêu)', kind: 'list', schema: z.array(z.string()).min(1), initial: ['Hoàn thành 100% kế hoạch', 'Không có sai sót'] },
  ],
};

export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

export const saved: { userId: string; values: Record<string, unknown> }[] = [];

const probeFlow: Flow<z.infer<typeof formStateSchema>> = {
  id: 'probe',
  title: { vi: 'đăng ký thử nghiệm', en: 'probe registration' },
  state: formStateSchema,
  async start(ctx) {
    const { state, reply } = startForm(probeSpec, ctx.locale);
    return { replies: [{ text: 'Đăng ký thử nghiệm năm 2026 <Cục Bổ trợ tư pháp>: 4 mục. Gõ /huy để hủy.', form: probeSpec }, reply], state };
  },
  async onInput(ctx, state) {
    if (ctx.in.form) {
      const r = validateForm(probeSpec, ctx.in.form, ctx.locale);
      if (!r.ok) return { replies: [{ text: 'Biểu mẫu còn lỗi.', formErrors: r.errors }], state };
      saved.push({ userId: ctx.in.userId, values: r.values });
      return { replies: [{ text: `✅ Đã lưu đăng ký: ${r.values.headcount} cán bộ.` }], done: true };
    }
    const r = walkForm(probeSpec, state, ctx.in, ctx.locale);
    if (r.kind === 'continue') return { replies: [r.reply], state: r.state };
    saved.push({ userId: ctx.in.userId, values: r.values });
    return { replies: [{ text: `✅ Đã lưu đăng ký: ${r.values.headcount} cán bộ.` }], done: true };
  },
};

/** Holds the start of the slow probe form (`/thidua slowform`) until the test releases it: a slow core. */
export const slowStart = { held: Promise.resolve() };

const slowFlow: Flow<z.infer<typeof formStateSchema>> = {
  ...probeFlow,
  id: 'probe-slow',
  async start(ctx) {
    await slowStart.held;
    return probeFlow.start(ctx);
  },
};

export function probeModule(questionGate?: { opened: Promise<void> }): Module {
  return {
    name: 'probe',
    flows: [probeFlow, slowFlow],
    commands: [
      {
        names: ['hoi', 'ask'],
        description: { vi: 'hỏi về tiêu chuẩn thi đua', en: 'ask about award criteria' },
        async run(ctx) {
          await questionGate?.opened;
          return [{ text: `Trả lời cho "${ctx.in.args}": *Chiến sĩ thi đua cơ sở* <xem Điều 23> & hơn thế`, format: 'markdown-lite', citations: ['Luật Thi đua, khen thưởng 2022, Điều 23'] }];
        },
      },
      { names: ['thử mẫu', 'tryform'], description: { vi: 'mẫu thử', en: 'probe form' }, flow: 'probe' },
      // Announces its form, except with "unannounced" (which still answers with one).
      { names: ['mẫu chậm', 'slowform'], description: { vi: 'mẫu chậm', en: 'slow form' }, flow: 'probe-slow', startsForm: (args) => args !== 'unannounced' },
      {
        names: ['xin duyet', 'requestapproval'],
        description: { vi: 'xin duyệt', en: 'request approval' },
        needsPerson: true,
        async run(ctx) {
          return [{ text: `Đăng ký của ${ctx.person!.unitId} chờ duyệt.`, choices: [{ label: '✅ Duyệt', value: `duyet:${ctx.person!.unitId}` }] }];
        },
      },
      {
        names: ['file'],
        description: { vi: 'tệp', en: 'file' },
        async run() {
          return [{ text: 'Tệp xuất:', file: { name: 'dangky.csv', mime: 'text/csv', bytes: new TextEncoder().encode('don vi;danh hieu\ncuc-btp;ttldxs\n') } }];
        },
      },
      {
        names: ['dai', 'long'],
        description: { vi: 'trả lời dài', en: 'long answer' },
        async run() {
          return [{ text: Array.from({ length: 300 }, (_, i) => `Dòng ${i + 1}: tiêu chuẩn & điều kiện <${i}>`).join('\n') }];
        },
      },
    ],
    actions: [
      {
        prefix: 'duyet',
        async run(ctx, [unitId]) {
          if (!access.canApproveUnit(ctx.person, unitId)) return [{ text: '⛔ Bạn không có quyền duyệt đăng ký của đơn vị này.' }];
          return [{ text: `✅ Đã duyệt đăng ký của ${unitId}.` }];
        },
      },
    ],
  };
}
