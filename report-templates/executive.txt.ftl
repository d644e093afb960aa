<#import "layout.txt.ftl" as l>
<#assign e = report.executive>
<#assign a = e.adoption>
<#assign b = e.budget>
<#function kpiValue k v="">
  <#if !v?is_number><#return "n/a"><#elseif k.unit == "usd"><#return l.usd(v)><#elseif k.unit == "percent"><#return l.pct(v)><#else><#return l.num(v)></#if>
</#function>
<#function change k>
  <#if !k.current??><#return "no requests"><#elseif !e.earlierData><#return "no earlier data">
  <#elseif !k.previous??><#return "none before">
  <#elseif k.direction == "flat"><#return "no change">
  <#elseif !k.changePct??><#return "new (none before)">
  <#else><#return (k.direction == "up")?then("+", "") + k.changePct?string("0.0") + "%"></#if>
</#function>
<#function growthText c>
  <#if !c.previous??><#return "no earlier data"><#elseif !c.changePct??><#return "new (none before)">
  <#else><#return (c.changePct >= 0)?then("+", "") + c.changePct?string("0.0") + "%"></#if>
</#function>
<@l.page report>
<@l.section "What changed">
<#list e.whatChanged as sentence>
  - ${sentence}
</#list>
</@l.section>
<@l.section "Recommendations">
<#list e.recommendations as r>
  - ${r.text} (${l.usd(r.periodUsd)} this period, ${l.usd(r.monthlyUsd)} a month at this pace)
<#else>
  Nothing to recommend: no cheaper alternative, caching or batch saving, and no idle provisioned throughput.
</#list>
</@l.section>
<@l.section e.comparison + (e.earlierData)?then(" (this period / " + e.previousPeriodText + ")", "")>
<#if !e.earlierData>
  No earlier data: the store holds nothing from before this period, so nothing is compared yet.
</#if>
<#list e.kpis as k>
  ${l.col(k.name, 22)} ${l.rcol(kpiValue(k, k.current!""), 14)}<#if e.earlierData> ${l.rcol(kpiValue(k, k.previous!""), 14)}</#if>  ${change(k)}<#if !k.good>  (worse)</#if>
</#list>
  ${l.col("Month-end projection", 22)} ${l.rcol(l.usd(b.projectedMonthEndUsd), 14)}

  Success rate objective ${l.pct(e.slaSuccessRate)}: <#if e.successWithinSla??>${e.successWithinSla?then("met", "MISSED")}<#else>no requests</#if>
  Availability ${l.pctOr(e.availability.share!"")}: ${l.num(e.availability.windowsMet)} of ${l.num(e.availability.windows)} windows with traffic met the ${e.availability.objectivePercent?string("0.0##")}% objective (service-side errors)
</@l.section>
<@l.section "Adoption">
  Active principals (invocation logs)   ${l.num(a.activePrincipals)}
  Daily active, average per day         ${a.dailyActiveAverage?string("0.#")}
  Monthly active (${a.monthlyActiveSpan})  ${l.num(a.monthlyActive)}
  New (first seen in this period)       ${l.num(a.newPrincipals?size)}<#if a.newPrincipals?has_content>: <#list a.newPrincipals as n>${n.name}<#sep>, </#list></#if>
  CloudTrail principals (counted apart) ${l.num(a.cloudTrailPrincipals)}
  The store's history starts ${(a.historyStart??)?then(l.time(a.historyStart), "with this period")}.
</@l.section>
<@l.section "Growth">
<#list e.growth as g>
  ${l.col(g.span, 36)} requests ${l.num(g.invocations.current)} (${growthText(g.invocations)}), cost ${l.usd(g.costUsd.current)} (${growthText(g.costUsd)}), principals ${l.num(g.activePrincipals.current)} (${growthText(g.activePrincipals)})
</#list>
</@l.section>
<@l.section "Alerts: time to resolve">
<#list e.alertTimes as t>
  ${l.col(t.type, 26)} raised ${t.raised}, resolved ${t.resolved}<#if t.meanMinutesToResolve??> in ${l.duration(t.meanMinutesToResolve)} on average</#if><#if t.stillOpen gt 0>, ${t.stillOpen} open at period end<#if t.longestOpenMinutes??> (oldest ${l.duration(t.longestOpenMinutes)})</#if></#if><#if t.oneOff gt 0>, ${t.oneOff} one-off</#if>
<#else>
  No alerts were raised in this period.
</#list>
<#if e.meanMinutesToResolve??>
  Mean time to resolve over all types: ${l.duration(e.meanMinutesToResolve)} (open from the start of the firing window to the end of the resolving one; alerts open at period end are not in it).
</#if>
</@l.section>
<@l.section "Budget">
<#if b.set>
  Spend this period           ${l.usd(b.actualUsd)} of ${l.usd(b.periodBudgetUsd)} pro rata (${l.pct(b.usedShare)})
  Monthly budget              ${l.usd(b.monthlyUsd)}
  Spent in ${b.month} so far     ${l.usd(b.monthToDateUsd)}
  Month-end projection        ${l.usd(b.projectedMonthEndUsd)}: ${b.status}
<#if b.runwayDays??>
  At ${l.usd(b.dailyRateUsd)} a day the monthly budget lasts ${b.runwayDays?string("0.0")} more days.
</#if>
<#else>
  No monthly budget is set. Spend this period ${l.usd(b.actualUsd)}; ${b.month} so far ${l.usd(b.monthToDateUsd)}, projected to end near ${l.usd(b.projectedMonthEndUsd)}.
<#if b.suggestedMonthlyUsd??>
  Set monitor.budget.monthly-usd (MONITOR_BUDGET_MONTHLY_USD) to about ${l.usd(b.suggestedMonthlyUsd)}, the projection with a fifth of headroom: COST_BUDGET then warns at 80% of it.
</#if>
</#if>
  Month-end projection: ${b.method}.
</@l.section>
<@l.section "Trend by " + l.bucketName(e.daily[0].label)?lower_case>
<@l.trendTable e.daily l.bucketName(e.daily[0].label) true false true/>
</@l.section>
<@l.section "Top principals">
<@l.usageTable e.topPrincipals "Principal"/>
</@l.section>
<@l.section "Top applications">
<@l.usageTable e.topApplications "Application"/>
</@l.section>
</@l.page>
