<#import "layout.txt.ftl" as l>
<#assign c = report.cost>
<#assign b = c.budget>
<#assign w = c.whatIf>
<@l.page report>
Spend              ${l.usd(c.totals.costUsd)} for ${l.num(c.totals.invocations)} requests, ${l.num(c.totals.totalTokens)} tokens
<#if b.set>
Budget             ${l.usd(b.monthlyUsd)} a month; ${l.usd(b.periodBudgetUsd)} for this period, ${l.pct(b.usedShare)} used
Month-end          ${l.usd(b.projectedMonthEndUsd)} projected for ${b.month} (${l.usd(b.monthToDateUsd)} so far): ${b.status}
Daily rate         ${l.usd(b.dailyRateUsd)}<#if b.runwayDays??>; the monthly budget lasts ${b.runwayDays?string("0.0")} more days at this rate</#if>
<#else>
Budget             not set; ${b.month} is projected to end near ${l.usd(b.projectedMonthEndUsd)} (${l.usd(b.monthToDateUsd)} so far, ${l.usd(b.dailyRateUsd)} a day)
<#if b.suggestedMonthlyUsd??>
                   set monitor.budget.monthly-usd (MONITOR_BUDGET_MONTHLY_USD) to about ${l.usd(b.suggestedMonthlyUsd)}, the projection with a fifth of headroom
</#if>
</#if>
Projection         ${b.method}
Cache savings      ${l.usd(c.cacheSavings.netSavedUsd)} net: ${l.usd(c.cacheSavings.readSavingUsd)} saved on ${l.num(c.cacheSavings.cacheReadTokens)} cache-read tokens, less ${l.usd(c.cacheSavings.writePremiumUsd)} paid above input for ${l.num(c.cacheSavings.cacheWriteTokens)} cache-write tokens
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
  ${m.modelId}: ${l.num(m.cacheReadTokens)} cache-read tokens saved ${l.usd(m.readSavingUsd)} against plain input; ${l.num(m.cacheWriteTokens)} cache-write tokens cost ${l.usd(m.writePremiumUsd)} above it: net ${l.usd(m.netSavedUsd)}
<#else>
  No prompt-cache reads or writes on priced models.
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
