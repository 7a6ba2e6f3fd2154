/**
 * Stream kinds beyond plan and task register here, by import, before any store is opened: each
 * kind's module calls `registerApplier` (how its entries change the state its plan holds) and
 * `registerPayloadSchema` (what its payloads must look like when read back). Adding a machine is
 * adding a line here; the stores do not change.
 */
import './payloads';
import '../reports/reviewKind';
import '../reports/catalogueKind';
import './inspections/apply';
import './par/apply';
import '../notifications/kind';
