<#-- Shared layout and functions of the plain-text reports (the text part of every mail). -->
<#function num v>
  <#return v?string(",##0")>
</#function>
<#function usd v>
  <#if v != 0 && v?abs < 0.01><#return "$" + v?string("0.0000")></#if>
  <#return "$" + v?string(",##0.00")>
</#function>
<#function pct share>
  <#return (share * 100)?string("0.0") + "%">
</#function>
<#-- null (nothing measured) arrives as the default -1 -->
<#function ms v=-1>
  <#if v gte 0><#return num(v) + " ms"><#else><#return "n/a"></#if>
</#function>
<#function time i="">
  <#if i?has_content><#return i?string?replace("T", " ")?replace("Z", " UTC")><#else><#return ""></#if>
</#function>
<#-- "Hour", "Day" or "Month": short periods are charted by hour, long ones by month (labels yyyy-MM) -->
<#function bucketName label>
  <#if label?length == 7><#return "Month"><#elseif label?length == 10><#return "Day"><#else><#return "Hour"></#if>
</#function>
<#-- A rate that may be absent (no requests): its percentage, else "n/a" -->
<#function pctOr share="">
  <#if share?is_number><#return pct(share)><#else><#return "n/a"></#if>
</#function>
<#-- Minutes as "45 min", "3 h 05 min" or "2 d 4 h" -->
<#function duration minutes>
  <#local m = minutes?round>
  <#if m lt 60><#return m + " min"><#elseif m lt 1440><#return (m / 60)?floor + " h " + (m % 60)?string("00") + " min">
  <#else><#return (m / 1440)?floor + " d " + ((m % 1440) / 60)?floor + " h"></#if>
</#function>
<#function orUntagged name>
  <#if name == ""><#return "(untagged)"><#else><#return name></#if>
</#function>
<#-- A bar of '#' up to 30 characters wide for a share in 0..1. -->
<#function bar share>
  <#return ""?right_pad((share * 30)?round, "#")?right_pad(30)>
</#function>
<#function col text width>
  <#return text?right_pad(width)>
</#function>
<#function rcol text width>
  <#return text?left_pad(width)>
</#function>

<#macro page report>
${report.title}
${""?right_pad(report.title?length, "=")}
Bedrock monitor, environment ${report.environment}
Period ${report.periodLabel}: ${report.periodText} (${report.timeZone})
<#list report.dataNotes as note>
WARNING: ${note}
</#list>

<#nested>

--
Generated ${time(report.generatedAt)} by bedrock-monitor from the rollup store; covers ${time(report.from)} to ${time(report.to)}.
Prompts and responses are never included.
<#if report.definitions?has_content>
How figures are counted, in every report:
<#list report.definitions as d>
  - ${d}
</#list>
</#if>
</#macro>

<#macro section title>

${title}
${""?right_pad(title?length, "-")}
<#nested>
</#macro>

<#macro alerts lines>
<#if lines?has_content>
<#list lines as a>
  [${a.severity}] ${time(a.from)} ${a.type!""}: ${a.message!""}
</#list>
<#else>
  No alerts were raised in this period.
</#if>
</#macro>

<#macro usageTable rows label costs=true>
  ${col(label, 48)} ${rcol("Requests", 10)} ${rcol("Tokens", 14)}<#if costs> ${rcol("Cost", 12)}</#if> ${rcol("Share", 7)}
<#list rows as u>
  ${col(orUntagged(u.label), 48)} ${rcol(num(u.invocations), 10)} ${rcol(num(u.tokens), 14)}<#if costs> ${rcol(usd(u.costUsd), 12)}</#if> ${rcol(pct(u.share), 7)}
</#list>
</#macro>

<#macro trendTable points label showCost=false byCost=false perRequest=false>
  ${col(label, 12)} ${col(byCost?then("Cost", "Requests"), 30)} ${rcol("Requests", 10)} ${rcol("Failed", 8)} ${rcol("Tokens", 12)}<#if showCost> ${rcol("Cost", 12)}</#if><#if perRequest> ${rcol("Per 1K req", 11)} ${rcol("Principals", 10)}</#if>
<#list points as p>
  ${col(p.label, 12)} ${bar(byCost?then(p.costShare, p.share))} ${rcol(num(p.invocations), 10)} ${rcol(num(p.failed), 8)} ${rcol(num(p.tokens), 12)}<#if showCost> ${rcol(usd(p.costUsd), 12)}</#if><#if perRequest> ${rcol((p.costPer1kUsd??)?then(usd(p.costPer1kUsd!0), "-"), 11)} ${rcol(num(p.principals), 10)}</#if>
</#list>
</#macro>

<#macro countTable rows label valueLabel>
<#list rows as c>
  ${col(c.name, 40)} ${bar(c.share)} ${rcol(num(c.value), 8)}
</#list>
</#macro>
