import { currentMachines } from '../../../machines/index';
import { graphOf, tasksOfRoles } from '../../../src/workflow/machine-graph';
import { stateDiagramDot, stateDiagramSvg } from '../../../src/web/diagram/state-diagram';

describe('machines as graphs (machine.root walked)', () => {
  test.each(Object.values(currentMachines).map((d) => [d.recordType, d] as const))(
    '%s: every state and event',
    (_t, def) => {
      const g = graphOf(def);
      expect(g.states.map((s) => s.id).sort()).toEqual(Object.keys(def.machine.root.states).sort());
      expect(g.states.filter((s) => s.initial)).toHaveLength(1);
      for (const t of g.transitions) expect(Object.keys(def.events)).toContain(t.event);
    },
  );

  test('who must act where: from the events a role may send, that move the record on, and the deadlines', () => {
    const tasks = (role: 'unit' | 'office' | 'council' | 'director' | 'admin') =>
      tasksOfRoles([role]).map((t) => `${t.type}.${t.state}:${t.events.join(',')}`);
    expect(tasks('unit')).toEqual(['dossier.draft:SUBMIT', 'dossier.returned:RESUBMIT']);
    expect(tasks('office')).toEqual([
      'campaign.planned:OPEN',
      'dossier.submitted:RECEIVE,REQUEST_SUPPLEMENT',
      'nomination.appraisal:APPRAISE',
      'nomination.councilReview:RECORD_VOTE',
      'nomination.atProvince:RECORD_PROVINCE_RESULT',
      'decision.draft:SUBMIT_FOR_SIGNATURE',
      'submission.draft:SUBMIT_FOR_SIGNATURE',
    ]);
    expect(tasks('director')).toEqual([
      'nomination.directorReview:APPROVE,SEND_BACK',
      'decision.awaitingSignature:SIGN,RETURN',
      'submission.awaitingSignature:SIGN,RETURN',
    ]);
    expect(tasks('council')).toEqual([]);
  });
});

describe('state diagrams', () => {
  test('DOT: every state, the moves between states, the current one and its outgoing steps in blue', () => {
    const g = graphOf(currentMachines.dossier);
    const dot = stateDiagramDot(g, 'returned', 'vi');
    for (const s of g.states) expect(dot).toContain(`"${s.id}" [label="${s.label.vi}"`);
    expect(dot).toMatch(/"returned" \[label="Trả lại để bổ sung", id="state-returned", fillcolor="#1d70b8"/);
    expect(dot).toMatch(
      /"returned" -> "submitted" \[label=" Nộp lại ", id="edge-returned-RESUBMIT-submitted", color="#1d70b8"/,
    );
    expect(dot).not.toMatch(/"draft" -> "submitted" [^\n]*#1d70b8/);
    expect(dot).toContain('fontname="Arial"');
  });

  test('rendered by Graphviz (WASM) to inline SVG, cached per machine, state and language', async () => {
    const svg = await stateDiagramSvg('nomination', 'directorReview', 'vi');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('id="state&#45;directorReview"'); // Graphviz escapes '-' (the DOM id is state-directorReview)
    expect(svg).not.toContain('<title>');
    expect(svg).toContain('Chờ Giám đốc duyệt');
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/id="state&#45;directorReview"[^>]*>\s*<path fill="#1d70b8"/);
    expect(await stateDiagramSvg('nomination', 'directorReview', 'vi')).toBe(svg);
    expect(await stateDiagramSvg('nomination', 'directorReview', 'en')).toContain('Director review');
  });
});
