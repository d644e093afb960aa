<#import "layout.txt.ftl" as l>
<#assign t = report.technical>
<@l.page report>
Invocations     ${l.num(t.totals.invocations)} from ${l.num(t.totals.principals)} principals (invocation logs)
Success rate    ${l.pctOr(t.totals.successRate!"")} (${l.num(t.totals.succeeded)} succeeded)
Errors          ${l.num(t.totals.errors)} (${l.num(t.totals.serverErrors)} server-side)
Throttles       ${l.num(t.totals.throttles)}
Latency         p50 ${l.ms(t.latency.p50)}, p95 ${l.ms(t.latency.p95)}, p99 ${l.ms(t.latency.p99)} (p95 objective ${l.ms(t.slaLatencyP95Ms)}<#if t.latencyWithinSla??>: ${t.latencyWithinSla?then("met", "MISSED")}</#if>)
First token     p50 ${l.ms(t.timeToFirstToken.p50)}, p95 ${l.ms(t.timeToFirstToken.p95)}, p99 ${l.ms(t.timeToFirstToken.p99)} (p95 objective ${l.ms(t.slaTtftP95Ms)}<#if t.ttftWithinSla??>: ${t.ttftWithinSla?then("met", "MISSED")}</#if>)
Tokens          ${l.num(t.totals.totalTokens)} = input ${l.num(t.totals.inputTokens)} + output ${l.num(t.totals.outputTokens)} + cache read ${l.num(t.totals.cacheReadTokens)} + cache write ${l.num(t.totals.cacheWriteTokens)}
Cost            ${l.usd(t.totals.costUsd)}
Guardrails      ${l.num(t.totals.guardrailInterventions)} interventions
<@l.section "Capacity notes">
<#list t.capacityNotes as n>
  - ${n}
<#else>
  - No traffic in this period.
</#list>
</@l.section>
<@l.section "Requests over time">
<@l.trendTable t.hourly "Hour"/>
</@l.section>
<@l.section "Models">
<#list t.models as m>
  ${m.modelId}
      ${l.num(m.invocations)} requests, ${l.num(m.errors)} errors, ${l.num(m.throttles)} throttles (${l.pct(m.errorRate)}); latency p50/p95/p99 ${(m.latency.p50)!"-"}/${(m.latency.p95)!"-"}/${(m.latency.p99)!"-"} ms; TTFT p95 ${l.ms(m.timeToFirstToken.p95)}; ${l.num(m.tokens)} tokens
</#list>
</@l.section>
<@l.section "Errors by type">
<#if t.errorCodes?has_content>
<@l.countTable t.errorCodes "Error code" "Count"/>
<#else>
  No failed invocations.
</#if>
</@l.section>
<@l.section "Top error sources">
<#list t.topErrorSources as s>
  ${s.principal} on ${s.modelId}: ${l.num(s.errors)} errors, ${l.num(s.throttles)} throttles (mostly ${s.topCode})
<#else>
  No principal saw an error or a throttle.
</#list>
</@l.section>
<@l.section "Alerts">
<@l.alerts t.alerts/>
</@l.section>
</@l.page>
