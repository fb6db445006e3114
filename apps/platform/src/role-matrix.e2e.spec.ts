import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRolesTable, ROLES, STAFF_ROLES } from '@ooh/http-kit';
import { BOOKING_GATE_RELEASERS, type BookingGate } from '@ooh/operations-domain';
import { PlatformHarness } from './testing/platform-harness';

/**
 * Who may do what (DOMAIN.md roles), written down independently of the controllers' decorators.
 * Every endpoint in the OpenAPI document must appear here, so a new endpoint cannot ship unchecked.
 */
const OPS_READERS = ['ops-staff', 'ops-manager', 'executive', 'admin'];
const FIN_READERS = ['finance', 'executive', 'sales', 'account-manager', 'admin'];
const PAYABLE_REQUESTERS = ['ops-manager', 'media-manager', 'production-manager', 'account-manager'];
const PLANNING_READERS = ['account-manager', 'account-director', 'media-manager', 'media-director', 'executive', 'admin'];
const ARCHIVE_READERS = [
  'ops-manager',
  'sales',
  'executive',
  'finance',
  'account-manager',
  'account-director',
  'media-manager',
  'media-director',
  'production-manager',
  'production-director',
  'art-director',
  'admin',
];
const PRODUCTION_READERS = [
  'production-manager',
  'production-director',
  'account-manager',
  'account-director',
  'art-director',
  'finance',
  'executive',
  'admin',
];
const BID_MANAGERS = ['production-manager', 'account-manager'];
const BUYING_READERS = ['media-manager', 'media-director', 'account-manager', 'account-director', 'finance', 'executive', 'admin'];
const VENDOR_KEEPERS = ['media-manager', 'media-director'];
const REPORTING_READERS = ['account-manager', 'account-director', 'media-manager', 'media-director', 'finance', 'executive', 'admin'];
const MATRIX: Record<string, string[]> = {
  // reporting
  'GET /api/reporting/occupancy': [...REPORTING_READERS, 'ops-manager', 'sales'],
  'GET /api/reporting/occupancy.csv': [...REPORTING_READERS, 'ops-manager', 'sales'],
  'GET /api/reporting/occupancy.xlsx': [...REPORTING_READERS, 'ops-manager', 'sales'],
  'GET /api/reporting/campaigns': REPORTING_READERS,
  'GET /api/reporting/clients/{clientId}/360': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/360': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/360/facts': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/360.csv': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/360.xlsx': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/reconciliation': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/reconciliation.csv': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/reconciliation.xlsx': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/post-buy': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/post-buy.csv': REPORTING_READERS,
  'GET /api/reporting/campaigns/{briefId}/post-buy.xlsx': REPORTING_READERS,
  'GET /api/reporting/ledgers/{ledgerId}': REPORTING_READERS,
  'GET /api/reporting/ledgers/{ledgerId}/history': REPORTING_READERS,
  'GET /api/reporting/work-queue': [...STAFF_ROLES],
  'GET /api/reporting/work-queue.csv': [...STAFF_ROLES],
  'GET /api/reporting/work-queue.xlsx': [...STAFF_ROLES],
  'GET /api/reporting/settings': [...STAFF_ROLES],
  'GET /api/feed': ['integrator', 'admin'],
  'POST /api/webhooks': ['admin'],
  'GET /api/webhooks': ['admin'],
  'GET /api/webhooks/{webhookId}/dead-letters': ['admin'],
  'POST /api/webhooks/{webhookId}/replay': ['admin'],
  'POST /api/webhooks/{webhookId}/remove': ['admin'],
  // production
  'POST /api/production/bid-requests': BID_MANAGERS,
  'POST /api/production/bid-requests/{requestId}/bids': BID_MANAGERS,
  'POST /api/production/bid-requests/{requestId}/award': BID_MANAGERS,
  'POST /api/production/bid-requests/{requestId}/notices': BID_MANAGERS,
  'POST /api/production/bid-requests/{requestId}/cancel': BID_MANAGERS,
  'GET /api/production/bid-requests': PRODUCTION_READERS,
  'GET /api/production/bid-requests/{requestId}': PRODUCTION_READERS,
  'GET /api/production/bid-requests/{requestId}/history': PRODUCTION_READERS,
  'POST /api/production/cf-jobs': ['account-manager'],
  'POST /api/production/cf-jobs/{jobId}/director-input': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/estimates': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/estimates/{version}/approve': ['production-director'],
  'POST /api/production/cf-jobs/{jobId}/production-house': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/quote': ['production-manager'],
  'PUT /api/production/cf-jobs/{jobId}/schedule': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/client-confirmation': ['account-manager'],
  'POST /api/production/cf-jobs/{jobId}/contract': ['account-manager'],
  'POST /api/production/cf-jobs/{jobId}/briefing': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/preparation': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/pre-production-meeting': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/ppm': BID_MANAGERS,
  'POST /api/production/cf-jobs/{jobId}/shooting': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/post-production': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/cuts': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/cuts/internal-review': ['production-director'],
  'POST /api/production/cf-jobs/{jobId}/cuts/client-review': ['account-manager'],
  'POST /api/production/cf-jobs/{jobId}/change-orders': ['production-manager'],
  'POST /api/production/cf-jobs/{jobId}/change-orders/{changeId}/approve': ['production-director'],
  'POST /api/production/cf-jobs/{jobId}/delivery': BID_MANAGERS,
  'POST /api/production/cf-jobs/{jobId}/close': BID_MANAGERS,
  'POST /api/production/cf-jobs/{jobId}/vendor-costs': ['production-manager'],
  'GET /api/production/cf-jobs/{jobId}/costs': PRODUCTION_READERS,
  'GET /api/production/reports/pipeline': PRODUCTION_READERS,
  'GET /api/production/reports/pipeline.csv': PRODUCTION_READERS,
  'GET /api/production/reports/pipeline.xlsx': PRODUCTION_READERS,
  'POST /api/production/cf-jobs/{jobId}/hold': BID_MANAGERS,
  'POST /api/production/cf-jobs/{jobId}/resume': BID_MANAGERS,
  'POST /api/production/cf-jobs/{jobId}/cancel': BID_MANAGERS,
  'GET /api/production/cf-jobs': PRODUCTION_READERS,
  'GET /api/production/cf-jobs/{jobId}': PRODUCTION_READERS,
  'GET /api/production/cf-jobs/{jobId}/history': PRODUCTION_READERS,
  'POST /api/production/print-jobs': ['account-manager'],
  'POST /api/production/print-jobs/{jobId}/proofs': BID_MANAGERS,
  'POST /api/production/print-jobs/{jobId}/proof-signature': ['account-manager'],
  'POST /api/production/print-jobs/{jobId}/printer': BID_MANAGERS,
  'POST /api/production/print-jobs/{jobId}/client-contract': ['account-manager'],
  'POST /api/production/print-jobs/{jobId}/client-contract/review': ['account-director'],
  'POST /api/production/print-jobs/{jobId}/client-contract/signature': ['account-manager'],
  'POST /api/production/print-jobs/{jobId}/printer-contract': ['account-manager'],
  'POST /api/production/print-jobs/{jobId}/printer-contract/review': ['account-director'],
  'POST /api/production/print-jobs/{jobId}/printer-contract/signature': ['account-manager'],
  'POST /api/production/print-jobs/{jobId}/printer-payments': BID_MANAGERS,
  'POST /api/production/print-jobs/{jobId}/hand-over': BID_MANAGERS,
  'POST /api/production/print-jobs/{jobId}/checkpoints': ['account-manager', 'art-director'],
  'POST /api/production/print-jobs/{jobId}/samples': BID_MANAGERS,
  'POST /api/production/print-jobs/{jobId}/samples/review': ['account-manager'],
  'POST /api/production/print-jobs/{jobId}/delivery': BID_MANAGERS,
  'POST /api/production/print-jobs/{jobId}/cancel': BID_MANAGERS,
  'GET /api/production/print-jobs': PRODUCTION_READERS,
  'GET /api/production/print-jobs/{jobId}': PRODUCTION_READERS,
  'GET /api/production/print-jobs/{jobId}/history': PRODUCTION_READERS,
  // buying
  'POST /api/buying/vendors': VENDOR_KEEPERS,
  'PUT /api/buying/vendors/{vendorId}/profile': VENDOR_KEEPERS,
  'POST /api/buying/vendors/{vendorId}/rate-cards': VENDOR_KEEPERS,
  'POST /api/buying/vendors/{vendorId}/evaluations': VENDOR_KEEPERS,
  'POST /api/buying/vendors/{vendorId}/deactivate': VENDOR_KEEPERS,
  'POST /api/buying/vendors/{vendorId}/reactivate': VENDOR_KEEPERS,
  'GET /api/buying/vendors': BUYING_READERS,
  'GET /api/buying/vendors/{vendorId}': BUYING_READERS,
  'GET /api/buying/vendors/{vendorId}/rate-card': BUYING_READERS,
  'GET /api/buying/vendors/{vendorId}/history': BUYING_READERS,
  'GET /api/buying/vendors/{vendorId}/evaluation': BUYING_READERS,
  'GET /api/buying/reports/committed-spend': BUYING_READERS,
  'GET /api/buying/reports/committed-spend.csv': BUYING_READERS,
  'GET /api/buying/reports/committed-spend.xlsx': BUYING_READERS,
  'POST /api/buying/client-contracts': ['account-manager'],
  'PUT /api/buying/client-contracts/{contractId}/draft': ['account-manager'],
  'POST /api/buying/client-contracts/{contractId}/submit': ['account-manager'],
  'POST /api/buying/client-contracts/{contractId}/approve': ['account-director'],
  'POST /api/buying/client-contracts/{contractId}/return': ['account-director'],
  'POST /api/buying/client-contracts/{contractId}/signature': ['account-manager'],
  'POST /api/buying/client-contracts/{contractId}/amendments': ['account-manager'],
  'POST /api/buying/client-contracts/{contractId}/terminate': ['account-manager', 'account-director'],
  'GET /api/buying/client-contracts': BUYING_READERS,
  'GET /api/buying/client-contracts/{contractId}': BUYING_READERS,
  'GET /api/buying/client-contracts/{contractId}/history': BUYING_READERS,
  'POST /api/buying/media-orders': ['media-manager'],
  'PUT /api/buying/media-orders/{orderId}/lines': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/submit': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/return': ['media-director'],
  'POST /api/buying/media-orders/{orderId}/sign': ['media-director'],
  'POST /api/buying/media-orders/{orderId}/send': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/vendor-confirmation': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/vendor-decline': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/revisions': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/revisions/withdraw': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/cancel': ['media-manager', 'media-director'],
  'POST /api/buying/media-orders/{orderId}/materials': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/vendor-payments': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/proofs': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/proof-imports': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/makegoods': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/makegoods/{makegoodId}/accept': ['media-manager', 'media-director'],
  'POST /api/buying/media-orders/{orderId}/makegoods/{makegoodId}/reject': ['media-manager', 'media-director'],
  'POST /api/buying/media-orders/{orderId}/proof-packs': ['account-manager'],
  'POST /api/buying/media-orders/{orderId}/audience': ['media-manager'],
  'POST /api/buying/media-orders/{orderId}/proof-packs/{packId}/acknowledgement': ['account-manager'],
  'GET /api/buying/media-orders/{orderId}/proof-packs/{packId}/document': BUYING_READERS,
  'GET /api/buying/units': BUYING_READERS,
  'GET /api/buying/makegood-offers': BUYING_READERS,
  'GET /api/buying/media-orders': BUYING_READERS,
  'GET /api/buying/media-orders/{orderId}': BUYING_READERS,
  'GET /api/buying/media-orders/{orderId}/history': BUYING_READERS,
  'POST /api/buying/vendor-invoices': ['media-manager'],
  'POST /api/buying/vendor-invoices/imports': ['media-manager'],
  'POST /api/buying/vendor-invoices/{invoiceId}/lines/{lineNo}/disposition': ['media-manager'],
  'POST /api/buying/vendor-invoices/{invoiceId}/approve': ['finance'],
  'POST /api/buying/vendor-invoices/{invoiceId}/reject': ['finance'],
  'GET /api/buying/vendor-invoices': BUYING_READERS,
  'GET /api/buying/vendor-invoices/{invoiceId}': BUYING_READERS,
  'GET /api/buying/vendor-invoices/{invoiceId}/history': BUYING_READERS,
  'GET /api/buying/invoice-discrepancies': BUYING_READERS,
  'GET /api/buying/campaigns': BUYING_READERS,
  'GET /api/buying/campaigns/{briefId}': BUYING_READERS,
  'GET /api/buying/campaigns/{briefId}/history': BUYING_READERS,
  // planning
  'POST /api/planning/clients': ['account-manager'],
  'PATCH /api/planning/clients/{clientId}': ['account-manager'],
  'POST /api/planning/clients/{clientId}/archive': ['account-manager'],
  'GET /api/planning/clients': PLANNING_READERS,
  'GET /api/planning/clients/{clientId}': PLANNING_READERS,
  'GET /api/planning/clients/{clientId}/history': PLANNING_READERS,
  'POST /api/planning/meetings': ['account-manager'],
  'POST /api/planning/meetings/{meetingId}/notice-sent': ['account-manager'],
  'POST /api/planning/meetings/{meetingId}/client-confirmed': ['account-manager'],
  'POST /api/planning/meetings/{meetingId}/materials-prepared': ['account-manager'],
  'POST /api/planning/meetings/{meetingId}/transport-arranged': ['account-manager'],
  'POST /api/planning/meetings/{meetingId}/reschedule': ['account-manager'],
  'POST /api/planning/meetings/{meetingId}/held': ['account-manager'],
  'POST /api/planning/meetings/{meetingId}/cancel': ['account-manager'],
  'GET /api/planning/meetings': PLANNING_READERS,
  'GET /api/planning/meetings/{meetingId}': PLANNING_READERS,
  'GET /api/planning/meetings/{meetingId}/history': PLANNING_READERS,
  'GET /api/planning/reports/meetings': PLANNING_READERS,
  'GET /api/planning/reports/client-campaigns': PLANNING_READERS,
  'GET /api/planning/reports/client-campaigns.csv': PLANNING_READERS,
  'GET /api/planning/reports/client-campaigns.xlsx': PLANNING_READERS,
  'POST /api/planning/briefs': ['account-manager'],
  'POST /api/planning/briefs/{briefId}/revisions': ['account-manager'],
  'GET /api/planning/briefs': PLANNING_READERS,
  'GET /api/planning/briefs/{briefId}': PLANNING_READERS,
  'GET /api/planning/briefs/{briefId}/history': PLANNING_READERS,
  'POST /api/planning/budgets': ['account-manager', 'media-manager'],
  'POST /api/planning/budgets/{authorizationId}/authorize': ['account-manager'],
  'POST /api/planning/budgets/{authorizationId}/reject': ['account-manager'],
  'GET /api/planning/budgets': PLANNING_READERS,
  'GET /api/planning/budgets/{authorizationId}': PLANNING_READERS,
  'GET /api/planning/budgets/{authorizationId}/history': PLANNING_READERS,
  'POST /api/planning/media-plans': ['media-manager'],
  'PUT /api/planning/media-plans/{planId}/versions/{version}/lines': ['media-manager'],
  'POST /api/planning/media-plans/{planId}/versions': ['media-manager'],
  'POST /api/planning/media-plans/{planId}/versions/{version}/budget-override': ['account-director'],
  'POST /api/planning/media-plans/{planId}/versions/{version}/submit': ['media-manager'],
  'POST /api/planning/media-plans/{planId}/versions/{version}/return': ['account-director', 'media-director'],
  'POST /api/planning/media-plans/{planId}/versions/{version}/approve': ['account-director', 'media-director'],
  'POST /api/planning/media-plans/{planId}/versions/{version}/rehearsal': ['media-manager', 'account-manager'],
  'POST /api/planning/media-plans/{planId}/versions/{version}/present': ['account-manager'],
  'POST /api/planning/media-plans/{planId}/versions/{version}/client-decision': ['account-manager'],
  'GET /api/planning/media-plans': PLANNING_READERS,
  'GET /api/planning/media-plans/{planId}': PLANNING_READERS,
  'GET /api/planning/media-plans/{planId}/versions/{a}/diff/{b}': PLANNING_READERS,
  'GET /api/planning/media-plans/{planId}/history': PLANNING_READERS,
  'POST /api/operations/sites': ['ops-manager'],
  'GET /api/operations/sites': [...OPS_READERS, 'sales'],
  'PATCH /api/operations/sites/{siteId}': ['ops-manager'],
  'GET /api/operations/sites/{siteId}': [...OPS_READERS, 'sales'],
  'GET /api/operations/sites/{siteId}/history': [...OPS_READERS, 'sales'],
  'GET /api/operations/sites/{siteId}/timeline': OPS_READERS,
  'POST /api/operations/sites/{siteId}/take-out-of-service': ['ops-manager', 'ops-staff'],
  'POST /api/operations/sites/{siteId}/return-to-service': ['ops-manager', 'ops-staff'],
  'POST /api/operations/sites/{siteId}/retire': ['ops-manager'],
  'POST /api/operations/inspections': ['ops-staff'],
  'GET /api/operations/inspections': OPS_READERS,
  'GET /api/operations/inspections/{inspectionId}': OPS_READERS,
  'GET /api/operations/inspections/{inspectionId}/history': OPS_READERS,
  'POST /api/operations/maintenance': ['ops-staff'],
  'GET /api/operations/maintenance': OPS_READERS,
  'GET /api/operations/maintenance/{maintenanceId}': OPS_READERS,
  'GET /api/operations/maintenance/{maintenanceId}/history': OPS_READERS,
  'POST /api/operations/faults': ['ops-staff', 'ops-manager'],
  'GET /api/operations/faults': OPS_READERS,
  'GET /api/operations/faults/{faultId}': OPS_READERS,
  'GET /api/operations/faults/{faultId}/history': OPS_READERS,
  'POST /api/operations/faults/{faultId}/acknowledge': ['ops-staff', 'ops-manager'],
  'POST /api/operations/faults/{faultId}/resolve': ['ops-staff', 'ops-manager'],
  'POST /api/operations/faults/{faultId}/reject-resolution': ['ops-manager'],
  'POST /api/operations/faults/{faultId}/close': ['ops-manager'],
  'GET /api/operations/reports/inspection-compliance': OPS_READERS,
  'GET /api/operations/reports/inspection-compliance.csv': OPS_READERS,
  'GET /api/operations/reports/inspection-compliance.xlsx': OPS_READERS,
  'GET /api/operations/reports/maintenance-compliance': OPS_READERS,
  'GET /api/operations/reports/maintenance-compliance.csv': OPS_READERS,
  'GET /api/operations/reports/maintenance-compliance.xlsx': OPS_READERS,
  'GET /api/operations/reports/fault-sla': OPS_READERS,
  'GET /api/operations/reports/fault-sla.csv': OPS_READERS,
  'GET /api/operations/reports/fault-sla.xlsx': OPS_READERS,
  'POST /api/operations/installation-jobs': ['ops-manager'],
  'GET /api/operations/installation-jobs': [...OPS_READERS, 'finance'],
  'GET /api/operations/installation-jobs/{jobId}': [...OPS_READERS, 'finance'],
  'GET /api/operations/installation-jobs/{jobId}/history': [...OPS_READERS, 'finance'],
  'POST /api/operations/installation-jobs/{jobId}/quotes': ['ops-manager'],
  'POST /api/operations/installation-jobs/{jobId}/choose-vendor': ['ops-manager'],
  'POST /api/operations/installation-jobs/{jobId}/safety-agreement': ['ops-staff', 'ops-manager'],
  'POST /api/operations/installation-jobs/{jobId}/start': ['ops-staff', 'ops-manager'],
  'POST /api/operations/installation-jobs/{jobId}/complete': ['ops-staff', 'ops-manager'],
  'POST /api/operations/installation-jobs/{jobId}/cancel': ['ops-manager'],
  'POST /api/operations/bookings': ['sales'],
  'GET /api/operations/bookings': [...OPS_READERS, 'sales', 'finance'],
  'GET /api/operations/bookings/{bookingId}': [...OPS_READERS, 'sales', 'finance'],
  'GET /api/operations/bookings/{bookingId}/history': [...OPS_READERS, 'sales', 'finance'],
  'POST /api/operations/bookings/{bookingId}/submit-for-review': ['ops-manager'],
  'POST /api/operations/bookings/{bookingId}/internal-review': ['executive'],
  'POST /api/operations/bookings/{bookingId}/landlord-decision': ['ops-manager', 'ops-staff'],
  'POST /api/operations/bookings/{bookingId}/revise-creative': ['ops-manager', 'sales'],
  'POST /api/operations/bookings/{bookingId}/propose-schedule': ['ops-manager'],
  'POST /api/operations/bookings/{bookingId}/approve-schedule': ['executive'],
  'POST /api/operations/bookings/{bookingId}/reject-schedule': ['executive'],
  'POST /api/operations/bookings/{bookingId}/posting': ['ops-staff'],
  'POST /api/operations/bookings/{bookingId}/confirm-posting': ['sales'],
  'POST /api/operations/bookings/{bookingId}/renewal-decision': ['sales'],
  'POST /api/operations/bookings/{bookingId}/creative-replaced': ['ops-staff'],
  'POST /api/operations/bookings/{bookingId}/terminate': ['ops-manager'],
  'POST /api/operations/bookings/{bookingId}/removal': ['ops-staff'],
  'POST /api/operations/bookings/{bookingId}/confirm-removal': ['sales'],
  'POST /api/operations/bookings/{bookingId}/cancel': ['sales', 'ops-manager'],
  'GET /api/operations/availability': [...OPS_READERS, 'sales'],
  'GET /api/operations/posting-register': [...OPS_READERS, 'sales'],
  'GET /api/operations/posting-register.csv': [...OPS_READERS, 'sales'],
  'GET /api/operations/posting-register.xlsx': [...OPS_READERS, 'sales'],
  'POST /api/operations/proof-of-play/generate': ['ops-manager'],
  'POST /api/operations/proof-of-play/{reportId}/mark-sent': ['ops-manager', 'sales'],
  'GET /api/operations/proof-of-play': [...OPS_READERS, 'sales'],
  'GET /api/operations/proof-of-play/{reportId}': [...OPS_READERS, 'sales'],
  'GET /api/operations/proof-of-play/{reportId}/document': [...OPS_READERS, 'sales'],
  'GET /api/operations/proof-of-play/{reportId}/history': [...OPS_READERS, 'sales'],
  'POST /api/finance/receivables/{receivableId}/invoice': ['finance'],
  'POST /api/finance/receivables/{receivableId}/payments': ['finance'],
  'GET /api/finance/receivables': FIN_READERS,
  'GET /api/finance/receivables/{receivableId}': FIN_READERS,
  'GET /api/finance/receivables/{receivableId}/history': FIN_READERS,
  'POST /api/finance/payables': PAYABLE_REQUESTERS,
  'POST /api/finance/payables/{payableId}/approve': ['finance', 'executive'],
  'POST /api/finance/payables/{payableId}/reject': ['finance', 'executive'],
  'POST /api/finance/payables/{payableId}/pay': ['finance'],
  'GET /api/finance/payables': ['finance', 'executive', ...PAYABLE_REQUESTERS, 'admin'],
  'GET /api/finance/payables/{payableId}': ['finance', 'executive', ...PAYABLE_REQUESTERS, 'admin'],
  'GET /api/finance/payables/{payableId}/history': ['finance', 'executive', ...PAYABLE_REQUESTERS, 'admin'],
  'POST /api/finance/expenses': [...STAFF_ROLES],
  'POST /api/finance/expenses/{expenseId}/approve': ['finance', 'executive'],
  'POST /api/finance/expenses/{expenseId}/reject': ['finance', 'executive'],
  'POST /api/finance/expenses/{expenseId}/withdraw': [...STAFF_ROLES],
  'POST /api/finance/expenses/{expenseId}/incurred': [...STAFF_ROLES],
  'POST /api/finance/expenses/{expenseId}/reimburse': ['finance'],
  'GET /api/finance/expenses': ['finance', 'executive', 'admin'],
  'GET /api/finance/expenses/{expenseId}': ['finance', 'executive', 'admin'],
  'GET /api/finance/expenses/{expenseId}/history': ['finance', 'executive', 'admin'],
  'GET /api/finance/reports/receivables-aging': ['finance', 'executive', 'sales', 'admin'],
  'GET /api/finance/reports/receivables-aging.csv': ['finance', 'executive', 'sales', 'admin'],
  'GET /api/finance/reports/receivables-aging.xlsx': ['finance', 'executive', 'sales', 'admin'],
  'GET /api/finance/reports/payables-due': ['finance', 'executive', 'admin'],
  'GET /api/finance/reports/payables-due.csv': ['finance', 'executive', 'admin'],
  'GET /api/finance/reports/payables-due.xlsx': ['finance', 'executive', 'admin'],
  'GET /api/finance/reports/expense-ledger': ['finance', 'executive', 'admin'],
  'GET /api/admin/dead-letters': ['admin'],
  'GET /api/admin/flow': ['admin'],
  'GET /api/admin/projections': ['admin'],
  'POST /api/admin/projections/rebuild': ['admin'],
  'GET /api/admin/backups': ['admin'],
  'GET /api/evidence-archive': ARCHIVE_READERS,
  'GET /api/evidence-archive/unreferenced': ['admin'],
  'GET /api/evidence-archive/{blobId}': ARCHIVE_READERS,
  'GET /api/admin/backups/{backupId}': ['admin'],
  'POST /api/admin/backups': ['admin'],
  'POST /api/admin/dead-letters/replay': ['admin'],
  'POST /api/evidence': [...STAFF_ROLES],
  'GET /api/evidence/{blobId}': [...STAFF_ROLES],
  'GET /api/evidence/{blobId}/verification': [...STAFF_ROLES],
};

/** The command that releases each booking gate, so `blockedBy` names exactly the roles that can send it. */
const GATE_COMMANDS: Record<BookingGate, string> = {
  'internal-review-submission': 'submit-for-review',
  'internal-review': 'internal-review',
  'landlord-review': 'landlord-decision',
  revision: 'revise-creative',
  payment: '/api/finance/receivables/{receivableId}/payments',
  schedule: 'propose-schedule',
  'schedule-approval': 'approve-schedule',
  posting: 'posting',
  'posting-report': 'confirm-posting',
  renewal: 'renewal-decision',
  'creative-replacement': 'creative-replaced',
  removal: 'removal',
  'removal-report': 'confirm-removal',
};

describe('every endpoint × every role', () => {
  const h = new PlatformHarness();
  let operations: string[];
  let doc: { paths: Record<string, Record<string, { 'x-roles'?: string[]; responses: Record<string, unknown> }>> };
  beforeAll(async () => {
    await h.start();
    doc = (await h.request('GET', '/openapi.json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  });
  afterAll(() => h.stop());

  it('covers exactly the endpoints of the OpenAPI document', () => {
    expect([...operations].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('keeps docs/roles.md, generated from the x-roles of the document, current (npm run docs:roles)', () => {
    expect(readFileSync(join(__dirname, '../../../docs/roles.md'), 'utf8')).toBe(renderRolesTable(doc as never));
  });

  it('publishes the same roles per operation in the document (x-roles), and the problems each can answer', () => {
    const mismatched = Object.entries(MATRIX).filter(([operation, allowed]) => {
      const [method, path] = operation.split(' ');
      const documented = doc.paths[path][method.toLowerCase()]['x-roles'];
      return JSON.stringify([...(documented ?? [])].sort()) !== JSON.stringify([...new Set(allowed)].sort());
    });
    expect(mismatched).toEqual([]);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect([method, path, ['401', '403', '429'].every((s) => s in operation.responses)]).toEqual([method, path, true]);
      }
    }
  });

  it("names in a booking's blockedBy exactly the roles that can send the command releasing each gate", () => {
    for (const [gate, command] of Object.entries(GATE_COMMANDS)) {
      const path = command.startsWith('/') ? command : `/api/operations/bookings/{bookingId}/${command}`;
      const documented = [...(doc.paths[path]?.post?.['x-roles'] ?? [])].filter((r) => r !== 'admin').sort();
      expect([gate, documented]).toEqual([gate, [...BOOKING_GATE_RELEASERS[gate as BookingGate]].sort()]);
    }
  });

  it('lets only the allowed roles through: the others get 403, and nothing is written', async () => {
    const before = (await h.request('GET', '/health')).body.checks.headPosition;
    const wrong: string[] = [];
    for (const [operation, allowed] of Object.entries(MATRIX)) {
      const [method, template] = operation.split(' ');
      const url = template.replace(/\{[^}]+\}/g, 'X1');
      for (const role of ROLES) {
        const res = await h.request(method as 'GET' | 'POST' | 'PATCH', url, method === 'GET' ? undefined : { unknownField: true }, {
          authorization: `Bearer ${h.token(`user-${role}`, role)}`,
        });
        const refused = res.status === 403 && res.body.code === 'ROLE_NOT_ALLOWED';
        if (allowed.includes(role) === refused || res.status === 401 || res.status >= 500)
          wrong.push(`${operation} as ${role}: ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await h.request('GET', '/health')).body.checks.headPosition).toBe(before);
  });
});
