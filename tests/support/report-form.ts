/** A Gaston County report as the form posts it: figures that pass every check, and the certifier. */
export const GASTON_SHERIFF = 'nc-gaston-county-sheriffs-office';

export const GOOD_REPORT = {
  'value:gross_cost': '$12,500.50',
  'value:federal_reimbursement': '0',
  'value:igsa_revenue': '0',
  'value:detainers_received': '14',
  'value:detainers_honored': '9',
  'value:detainers_declined': '3',
  'value:transfers_to_ice': '8',
  'value:people_encountered': '40',
  'value:complaints_filed': '1',
  'value:complaints_sustained': '0',
};

export const CERTIFY = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff' };
