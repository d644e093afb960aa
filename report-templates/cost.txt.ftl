<#import "layout.txt.ftl" as l>
<#assign c = report.cost>
<#assign b = c.budget>
<#assign w = c.whatIf>
<@l.page report>
Spend              ${l.usd(c.totals.costUsd)} for ${l.num(c.totals.invocations)} requests, ${l.num(c.totals.totalTokens)} tokens
<#if b.set>
Budget             ${l.usd(b.monthlyUsd)} a month; ${l.usd(b.periodBudgetUsd)} for this period, ${l.pct(b.usedShare)} used
Projected month    ${l.usd(b.projectedMonthEndUsd)}: ${b.status}
Daily rate         ${l.usd(b.dailyRateUsd)}<#if b.runwayDays??>; the monthly budget lasts ${b.runwayDays?string("0.0")} days at this rate</#if>
<#else>
Budget             not set (monitor.budget.monthly-usd); a month at ${l.usd(b.dailyRateUsd)} a day costs ${l.usd(b.projectedMonthEndUsd)}
</#if>
Cache savings      ${l.usd(c.cacheSavings.savedUsd)} on ${l.num(c.cacheSavings.cacheReadTokens)} cache-read tokens
Unattributed       ${l.usd(c.unattributedUsd)} (${l.pct(c.unattributedShare)}) without an application tag
<@l.section "Cost by " + l.bucketName(c.byDay[0].label)?lower_case>
<@l.trendTable c.byDay l.bucketName(c.byDay[0].label) true true/>
</@l.section>
<@l.section "Cost by model">
<@l.usageTable c.byModel "Model"/>
<#if c.guardrailCostUsd gt 0>
  Guardrail policy units cost ${l.usd(c.guardrailCostUsd)} on top of the model spend (billed apart by AWS).
</#if>
</@l.section>
<@l.section "How each model was priced">
<#list c.billing as m>
  ${m.modelId}: ${l.usd(m.costUsd)}<#if m.guardrailCostUsd gt 0> + guardrails ${l.usd(m.guardrailCostUsd)}</#if> over ${l.num(m.invocations)} requests; price book ${m.priceBooks?join(", ")}<#if !m.priceBooks?has_content>none</#if>; tier ${m.tiers?join(", ")}; rule ${m.rules?join(", ")}
<#else>
  No requests in this period.
</#list>
</@l.section>
<#if c.provisioned?has_content>
<@l.section "Provisioned throughput">
<#list c.provisioned as p>
  ${p.provisionedModel} (${p.modelId}): ${p.modelUnits} model unit(s) at ${l.usd(p.usdPerUnitHour)} an hour for ${p.hours?string("0.#")} hours = ${l.usd(p.commitmentUsd)}, not in the spend above
</#list>
</@l.section>
</#if>
<@l.section "Cost by application">
<@l.usageTable c.byApplication "Application tag"/>
</@l.section>
<@l.section "Cost by principal">
<@l.usageTable c.byPrincipal "Principal"/>
</@l.section>
<@l.section "Unpriced models">
<#list c.unpriced as u>
  ${u.modelId}: ${l.num(u.invocations)} requests, ${l.num(u.tokens)} tokens, cost unknown (add it to the pricing table)
<#else>
  Every model used was priced.
</#list>
</@l.section>
<@l.section "Cache savings">
<#list c.cacheSavings.models as m>
  ${m.modelId}: ${l.num(m.cacheReadTokens)} cache-read tokens would have cost ${l.usd(m.asInputUsd)} as input, cost ${l.usd(m.actualUsd)}: saved ${l.usd(m.savedUsd)}
<#else>
  No prompt-cache reads on priced models.
</#list>
</@l.section>
<@l.section "What if">
  A cheaper model of the same family (total ${l.usd(w.alternativesSavingUsd)}):
<#list w.alternatives as a>
    ${a.modelId} -> ${a.alternativeId}: ${l.usd(a.currentUsd)} -> ${l.usd(a.alternativeUsd)}, saving ${l.usd(a.savingUsd)} over ${l.num(a.invocations)} requests
<#else>
    No model used has a configured cheaper alternative.
</#list>

  Prompt caching, assuming ${l.pct(w.cacheShare)} of plain input is read from the cache (total ${l.usd(w.cachingSavingUsd)}):
<#list w.caching as o>
    ${o.modelId}: input ${l.usd(o.currentUsd)} -> ${l.usd(o.withCachingUsd)}, saving ${l.usd(o.savingUsd)}
<#else>
    No priced model with prompt caching had plain input tokens.
</#list>

  Batch inference at a ${l.pct(w.batchDiscount)} discount: ${l.usd(w.batchEligibleUsd)} -> saving ${l.usd(w.batchSavingUsd)}
</@l.section>
</@l.page>
