<#import "layout.txt.ftl" as l>
<#assign e = report.executive>
<#function kpiValue k v>
  <#if k.unit == "usd"><#return l.usd(v)><#elseif k.unit == "percent"><#return l.pct(v)><#else><#return l.num(v)></#if>
</#function>
<#function change k>
  <#if k.direction == "flat"><#return "no change">
  <#elseif !k.changePct??><#return "new (none before)">
  <#else><#return (k.direction == "up")?then("+", "") + k.changePct?string("0.0") + "%"></#if>
</#function>
<@l.page report>
<@l.section "Key figures (this period / previous: " + e.previousPeriodText + ")">
<#list e.kpis as k>
  ${l.col(k.name, 22)} ${l.rcol(kpiValue(k, k.current), 14)} ${l.rcol(kpiValue(k, k.previous), 14)}  ${change(k)}<#if !k.good>  (worse)</#if>
</#list>

  Success rate objective ${l.pct(e.slaSuccessRate)}: ${e.successWithinSla?then("met", "MISSED")}
</@l.section>
<@l.section "Budget">
<#assign b = e.budget>
<#if b.set>
  Spend this period           ${l.usd(b.actualUsd)} of ${l.usd(b.periodBudgetUsd)} pro rata (${l.pct(b.usedShare)})
  Monthly budget              ${l.usd(b.monthlyUsd)}
  A month at this pace        ${l.usd(b.projectedMonthEndUsd)}: ${b.status}
<#if b.runwayDays??>
  At ${l.usd(b.dailyRateUsd)} a day the monthly budget lasts ${b.runwayDays?string("0.0")} days.
</#if>
<#else>
  No monthly budget is set (monitor.budget.monthly-usd). Spend this period ${l.usd(b.actualUsd)}; a month at this pace ${l.usd(b.projectedMonthEndUsd)}.
</#if>
</@l.section>
<@l.section "Trend by " + l.bucketName(e.daily[0].label)?lower_case>
<@l.trendTable e.daily l.bucketName(e.daily[0].label) true/>
</@l.section>
<@l.section "Top principals">
<@l.usageTable e.topPrincipals "Principal"/>
</@l.section>
<@l.section "Top applications">
<@l.usageTable e.topApplications "Application"/>
</@l.section>
</@l.page>
