// The stylesheet inlined into every HTML page (no external file, so a page works offline alone).
export const pageStyles = `
:root{--pass:#1a7f37;--fail:#cf222e;--error:#bc4c00;--blocked:#6e7781;--manual:#0969da;--flaky:#8250df;
--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--soft)}
header.page{background:#fff;border-bottom:1px solid var(--line)}
header.page .inner,main{max-width:1200px;margin:0 auto;padding:18px 24px}
h1{font-size:24px;margin:0 0 6px}h2{font-size:18px;margin:0 0 10px}h3{font-size:16px;margin:0}
a{color:var(--accent)}nav.crumbs{font-size:13px;margin-bottom:4px}
.meta{display:flex;flex-wrap:wrap;gap:6px 22px;margin:6px 0 0;padding:0;color:var(--muted);font-size:14px}
.meta div{display:flex;gap:6px}.meta dt{font-weight:600}.meta dd{margin:0;color:var(--fg)}
.warning{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:10px 0 0}
.panels{display:flex;flex-wrap:wrap;align-items:flex-start;gap:16px;margin-bottom:16px}
.panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;overflow-x:auto}
.panel.grow{flex:1 1 520px}.panel.verdicts{margin-bottom:16px}
.score-big{font-size:34px;font-weight:700}.score-big small{font-size:16px;color:var(--muted);font-weight:500}
.meter{height:10px;background:#eaeef2;border-radius:5px;overflow:hidden;max-width:320px}
.meter span{display:block;height:100%;background:var(--pass)}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--soft);white-space:nowrap}td.num,th.num{text-align:right}
th button{all:unset;cursor:pointer;font-weight:600}th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.status,th.status{text-align:center;width:34px}
.sym{display:inline-block;width:22px;height:22px;line-height:22px;border-radius:4px;color:#fff;font-weight:700;font-size:13px;text-align:center}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.status-pass{background:var(--pass)}.status-fail{background:var(--fail)}.status-error{background:var(--error)}
.status-blocked{background:var(--blocked)}.status-manual{background:var(--manual)}.status-flaky{background:var(--flaky)}
.badge.overridden{background:#fff;color:var(--manual);border:1px solid var(--manual)}
section.criterion{background:#fff;border:1px solid var(--line);border-left:6px solid var(--line);border-radius:8px;margin:0 0 14px;padding:12px 16px}
section.criterion.is-pass{border-left-color:var(--pass)}section.criterion.is-fail{border-left-color:var(--fail)}
section.criterion.is-error{border-left-color:var(--error)}section.criterion.is-blocked{border-left-color:var(--blocked)}
section.criterion.is-manual{border-left-color:var(--manual)}section.criterion.is-flaky{border-left-color:var(--flaky)}
.criterion-head{display:flex;align-items:center;gap:10px;flex-wrap:wrap}.criterion-head .points{margin-left:auto;font-weight:600}
.message{margin:8px 0}.hint{color:var(--muted)}
dl.evidence{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0}
dl.evidence dt{font-weight:600;color:var(--muted)}dl.evidence dd{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;white-space:pre-wrap;word-break:break-word}
details{margin:8px 0}details>summary{cursor:pointer;color:var(--muted);font-weight:600}
pre.transcript{background:#0d1117;color:#e6edf3;padding:10px 12px;border-radius:6px;overflow-x:auto;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;margin:6px 0}
.transcript .t{color:#8b949e}.transcript .actor{color:#e3b341}.transcript .stream{color:#8b949e}
.transcript .stream-stdin .text{color:#79c0ff}.transcript .stream-stderr .text{color:#ff7b72}.transcript .stream-event .text{color:#d2a8ff}
.ctl{background:#fff8c5;color:#7d4e00;border-radius:3px;padding:0 2px}
.replay-note{margin:0 0 6px;color:var(--muted);font-size:12px}.replay{display:flex;gap:8px;align-items:baseline;margin:8px 0 2px}.replay code{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:2px 6px;user-select:all;font-size:13px;word-break:break-all}
.diagram{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:6px;background:#fff}
.panel svg.chart:not(.sequence){max-width:100%;height:auto}
svg{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
svg .grid{stroke:#eaeef2}svg .axis{stroke:#8c959f}svg .tick,svg .legend{font-size:11px;fill:var(--muted)}
svg .axis-label{font-size:12px;fill:var(--muted)}svg .count{font-size:12px;font-weight:600;fill:var(--fg)}
svg .bar{fill:var(--accent)}svg .bin:hover .bar{fill:#0550ae}
svg .track{fill:#eaeef2}svg .label{font-size:13px;font-weight:600;fill:var(--fg)}svg .rate{font-size:12px;fill:var(--fg)}
svg .segment.status-pass{fill:var(--pass)}svg .segment.status-fail{fill:var(--fail)}svg .segment.status-error{fill:var(--error)}
svg .segment.status-blocked{fill:var(--blocked)}svg .segment.status-manual{fill:var(--manual)}svg .segment.status-flaky{fill:var(--flaky)}
.sequence .lifeline line{stroke:#8c959f;stroke-dasharray:4 4}.sequence .lifeline rect{fill:#ddf4ff;stroke:#54aeff}
.sequence .lifeline.server rect{fill:#fff8c5;stroke:#d4a72c}.sequence .lifeline text{font-size:13px;font-weight:600;fill:var(--fg)}
.sequence .shaft{stroke:#24292f;stroke-width:1.6}.sequence .head{fill:#24292f}
.sequence .dir-down .shaft{stroke:var(--accent)}.sequence .dir-down .head{fill:var(--accent)}
.sequence .time{font-size:11px;fill:var(--muted);font-family:ui-monospace,monospace}.sequence .size{font-size:11px;fill:var(--fg)}
.sequence .fault .shaft{stroke:var(--fail);stroke-dasharray:6 3}.sequence .fault .head{fill:var(--fail)}
.sequence .fault .size{fill:var(--fail);font-weight:700}.sequence .drop-mark{stroke:var(--fail);stroke-width:2.5}
.sequence .message:hover .shaft{stroke-width:3}.sequence .omitted{font-size:12px;fill:var(--muted)}
.side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:8px 0}.side-by-side .where{color:var(--muted);font-size:12px}
details.similar-pair{margin:6px 0}details.similar-pair summary{cursor:pointer}
footer{color:var(--muted);font-size:12px;padding:8px 24px 24px;max-width:1200px;margin:0 auto}
`;
