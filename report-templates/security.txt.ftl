<#import "layout.txt.ftl" as l>
<#assign s = report.security>
<@l.page report>
Risk              ${s.riskLevel?upper_case}<#if s.actors?has_content> (highest actor scores ${s.actors[0].score})</#if>
CloudTrail events ${l.num(s.events)} from ${l.num(s.principals)} CloudTrail principals and ${l.num(s.sourceIps)} source IPs
Invocation logs   ${l.num(s.invocationLogPrincipals)} invocation-log principals (callers of models; counted apart from CloudTrail's)
Failed calls      ${l.num(s.failed)}<#if s.events gt 0> (${l.pct(s.failed / s.events)})</#if>
Guardrails        ${l.num(s.guardrailInterventions)} interventions
<@l.section "Risk summary">
<#list s.risks as r>
  [${r.level?upper_case}] ${r.text}
</#list>
</@l.section>
<@l.section "Actors (${s.actorsScored} with signals)">
<#list s.actors as a>
  [${a.level?upper_case} ${a.score}] ${a.principal}<#if a.countries?has_content> (from ${a.countries})</#if>
<#list a.signals as g>
      +${g.points} ${g.name}: ${g.evidence}
</#list>
<#else>
  No principal has a risk signal in this period.
</#list>
</@l.section>
<@l.section "Failed access over time">
<@l.countTable s.failedByDay "Day" "Failed"/>
<#if s.failedByCode?has_content>

  By error code:
<@l.countTable s.failedByCode "Error code" "Failed"/>
</#if>
</@l.section>
<@l.section "Top source IPs">
<#list s.topSourceIps as ip>
  ${l.col(ip.ip, 40)} ${l.col(ip.country, 12)} ${l.rcol(l.num(ip.events), 8)} calls, ${l.num(ip.failed)} failed, ${l.num(ip.principals)} principals (${ip.agentFamilies})
<#else>
  No CloudTrail calls in this period.
</#list>

  ${s.geography}
<#if s.countries?has_content>
<@l.countTable s.countries "Country or network" "Calls"/>
</#if>
</@l.section>
<@l.section "User agents">
<#if s.userAgentFamilies?has_content><@l.countTable s.userAgentFamilies "Family" "Calls"/><#else>
  No CloudTrail calls in this period.
</#if>
</@l.section>
<@l.section "Activity by principal (calls per ${l.bucketName(s.days[0])?lower_case}: ${s.days?first} .. ${s.days?last})">
<#list s.principalActivity as p>
  ${p.principal} (${p.principalType}; ${p.agentFamilies}; from ${p.countries})
      per ${l.bucketName(s.days[0])?lower_case}: <#list p.perDay as n>${n}<#sep> </#sep></#list>; ${l.num(p.events)} calls, ${l.num(p.failed)} failed, ${l.num(p.sourceIps)} IPs; ${l.time(p.firstSeen)} to ${l.time(p.lastSeen)}
<#else>
  No CloudTrail calls in this period.
</#list>
</@l.section>
<#macro auditLines lines>
<#list lines as a>
  ${l.time(a.time)}  ${a.eventName}<#if a.modelId??> ${a.modelId}</#if> by ${a.principal} from ${a.sourceIp} (${a.agentFamily}): ${a.errorCode!"ok"}
</#list>
</#macro>
<@l.section "Logging changes">
<#if s.loggingChanges?has_content><@auditLines s.loggingChanges/><#else>
  No change to invocation logging or CloudTrail.
</#if>
</@l.section>
<@l.section "Management actions (${s.managementActionCount})">
<#if s.managementActions?has_content><@auditLines s.managementActions/><#else>
  No create, update or delete calls.
</#if>
</@l.section>
<@l.section "Compliance status">
<#list s.compliance as c>
  ${c.area}: ${c.subject}
      ${c.status}<#if c.state == "attention">  <-- attention</#if><#if c.date??>
      evidence: ${l.time(c.date)} ${c.evidence}</#if>
</#list>
</@l.section>
<@l.section "Guardrail interventions">
<#if s.guardrailsByModel?has_content><@l.countTable s.guardrailsByModel "Model" "Interventions"/><#else>
  Guardrails did not intervene.
</#if>
</@l.section>
<@l.section "Alerts">
<@l.alerts s.alerts/>
</@l.section>
</@l.page>
