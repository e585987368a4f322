"""After designation: the obligations of providers of GPAI models with systemic risk (AI Act
Art 55; the Code of Practice's Safety and Security chapter), tracked with their clocks.

Code of Practice status per provider and chapter, the provider's safety and security framework
(versioned, reviewed by the AI Office), model reports per designated model, and serious incidents
with their reports. Sits above :mod:`gpai_cases.cases` (docs/architecture.md); the follow-ups
(letters, messages, the reminder sweep) sit above it. The rules: docs/rules.md § code-of-practice,
§ framework, § model-reports, § serious-incidents.
"""
