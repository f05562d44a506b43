/**
 * The stylesheet of report.html (inline, allowed by its hash in the Content-Security-Policy). Latin faces first,
 * then CJK faces, so English keeps its shapes and Chinese falls back to a real CJK font instead of tofu.
 */
const SANS = `system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif`;

export const PAGE_STYLE = `
:root{--bg:#f5f6fa;--card:#fff;--ink:#0f172a;--ink2:#334155;--muted:#64748b;--line:#e2e8f0;--soft:#f8fafc;--pass:#047857;--pass-bg:#ecfdf5;--fail:#b91c1c;--fail-bg:#fef2f2;--warn-bg:#fffbeb;--warn:#92400e;--accent:#4f46e5}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.55 ${SANS};-webkit-font-smoothing:antialiased;text-rendering:optimizeLegibility}
:lang(zh),.text{line-break:strict}
main{max-width:1240px;margin:0 auto;padding:22px 20px 64px}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px}
header h1{font-size:24px;margin:0;letter-spacing:-.01em}
.meta{color:var(--muted);font-size:13px}
.banner{background:var(--warn-bg);color:var(--warn);border:1px solid #fcd34d;border-radius:10px;padding:8px 14px;margin:14px 0 0;font-weight:600;font-size:13.5px}
.verdict{display:flex;gap:18px;align-items:flex-start;background:var(--card);border:1px solid var(--line);border-left:6px solid var(--accent);border-radius:14px;padding:18px 22px;margin:14px 0 0;box-shadow:0 1px 2px rgba(15,23,42,.05)}
.verdict.pass{border-left-color:var(--pass)}.verdict.fail{border-left-color:var(--fail)}
.badge{flex:none;font-weight:700;font-size:12.5px;letter-spacing:.05em;border-radius:999px;padding:5px 12px;background:#eef2ff;color:var(--accent);margin-top:3px}
.pass .badge{background:var(--pass-bg);color:var(--pass)}.fail .badge{background:var(--fail-bg);color:var(--fail)}
.verdict h2{font-size:19px;margin:0;line-height:1.4;font-weight:650}
.verdict details{margin-top:8px;color:var(--ink2);font-size:13px}.verdict summary{cursor:pointer;color:var(--muted)}
.verdict ul{margin:6px 0 0;padding-left:18px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin-top:12px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:12px 16px}
.kpi-label{font-size:12.5px;color:var(--muted);font-weight:600;overflow-wrap:anywhere}
.kpi-value{font-size:26px;font-weight:700;line-height:1.25;font-variant-numeric:tabular-nums;margin:2px 0}
.kpi.tone-good .kpi-value{color:var(--pass)}.kpi.tone-bad .kpi-value{color:var(--fail)}
.kpi-note{font-size:12.5px;color:var(--ink2);font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(12,minmax(0,1fr));gap:14px;margin-top:14px}
.charts>.card{grid-column:span 6}.charts>.card.wide{grid-column:span 7}.charts>.card.narrow{grid-column:span 5}
@media (max-width:980px){.charts>.card,.charts>.card.wide,.charts>.card.narrow{grid-column:1/-1}}
.card{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:14px 18px;box-shadow:0 1px 2px rgba(15,23,42,.04);min-width:0}
.card h3{margin:0 0 10px;font-size:15px}
.card h4{margin:16px 0 8px;font-size:13px}
.card .hint{color:var(--muted);font-size:12.5px;margin:-6px 0 8px}
.card .note{color:var(--muted);font-size:12.5px;margin:10px 0 0}
.scroll{overflow-x:auto}
section{margin-top:14px}
svg.chart{display:block;max-width:100%;height:auto;overflow:visible}
@media (max-width:720px){.charts>.card{overflow-x:auto}svg.chart{max-width:none}}
svg text{font-family:${SANS};font-size:12.5px;fill:var(--ink2)}
svg .axis{fill:var(--muted);font-size:11.5px}svg .axis-title{fill:var(--muted);font-size:12px}
svg .group{font-weight:650;fill:var(--ink);font-size:13.5px}svg .name{font-size:13px;fill:var(--ink)}
svg .value{fill:var(--muted);font-size:12.5px;font-variant-numeric:tabular-nums}svg .strong{fill:var(--ink);font-weight:650}svg .muted{fill:var(--muted)}
svg .grid{stroke:#edf0f5}svg .axisline{stroke:#94a3b8}svg .baseline-mark{stroke:#94a3b8;stroke-dasharray:4 3}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:7px 10px;text-align:left;vertical-align:top}
th{color:var(--muted);font-weight:600;background:var(--soft)}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.ci{color:var(--muted);font-size:12px;white-space:nowrap}.sub{color:var(--muted);font-size:12px;font-weight:400;overflow-wrap:anywhere}
.good{color:var(--pass);font-weight:600}.bad{color:var(--fail);font-weight:600}
.tables{display:grid;gap:14px}
.tables td:first-child,.tables td:nth-child(2){white-space:nowrap}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:10px}
.controls input,.controls select,.controls button{font:inherit;font-size:13px;padding:6px 10px;border:1px solid #cbd5e1;border-radius:8px;background:#fff;color:var(--ink)}
.controls input[type=search]{flex:1 1 280px}.controls input[type=number]{width:78px}
.controls label{color:var(--muted);font-size:12.5px;display:flex;gap:6px;align-items:center}
.count{color:var(--muted);margin-left:auto;font-size:13px}
#item-table{table-layout:fixed;min-width:760px}#item-table col.item-col{width:30%}
#item-table th{position:sticky;top:0;z-index:1}
#item-table td{padding:8px 10px}
#item-rows tr{cursor:pointer}#item-rows tr:hover{background:#fafbff}#item-rows tr.open{background:#f8faff}
.item-head{display:flex;align-items:center;gap:6px;margin-bottom:3px}
.toggle{border:0;background:none;padding:0 2px;font-size:12px;color:var(--muted);cursor:pointer}
.item-id{font-weight:600;font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.flag{font-size:11px;border-radius:4px;padding:0 5px;background:#eef2ff;color:var(--accent)}.flag.err{background:var(--warn-bg);color:var(--warn)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;font-size:13px;line-height:1.6;color:var(--ink)}
.clamp{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
.reference{color:var(--ink2);margin-top:4px;-webkit-line-clamp:2}
tr.open .clamp{display:block;-webkit-line-clamp:unset;overflow:visible}
.field{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.chips{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px}
.chip{display:inline-flex;gap:5px;font-size:11.5px;border-radius:6px;padding:1px 7px;background:#f1f5f9;color:var(--ink2);font-variant-numeric:tabular-nums}
.chip-name{color:var(--muted)}.chip-value{font-weight:600}
.chip.q0{background:#fef2f2}.chip.q1{background:#fff7ed}.chip.q2{background:#fefce8}.chip.q3{background:#f0fdf4}.chip.q4{background:#dcfce7}
.chip.pass{background:var(--pass-bg);color:var(--pass)}.chip.fail{background:var(--fail-bg);color:var(--fail)}.chip.err{background:var(--warn-bg);color:var(--warn)}
.reason{display:none;font-size:12.5px;color:#475569;margin-top:5px;padding-left:8px;border-left:2px solid var(--line);white-space:pre-wrap;overflow-wrap:anywhere}
tr.open .reason{display:block}
.error{color:var(--fail);font-size:12.5px;overflow-wrap:anywhere}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;vertical-align:baseline}
footer{margin-top:24px;color:var(--muted);font-size:12px}
[hidden]{display:none!important}
`;
