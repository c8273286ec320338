/** What differs between the two demo authorities; the generator itself is shared. */
export interface AuthorityProfile {
  code: '891' | '892';
  districts: readonly (readonly [string, number])[];
  /** Authorities whose looked-after children may be placed here. */
  otherAuthorities: readonly string[];
  /** Outward codes used for fake postcodes. */
  postcodeDistricts: readonly string[];
  /** Police person ids for this authority's children start here, so they never clash across the force. */
  personIdBase: number;
}

/** Nottinghamshire County's seven districts (shared/spec/domain.md). */
export const COUNTY_DISTRICTS: readonly string[] = [
  'Ashfield', 'Bassetlaw', 'Broxtowe', 'Gedling', 'Mansfield', 'Newark and Sherwood', 'Rushcliffe',
];

/** Neutral district names for the neighbouring city authority. */
export const CITY_DISTRICTS: readonly string[] = ['City North', 'City South', 'City East', 'City West'];

// Rough relative volumes; the northern and western districts report more incidents.
const COUNTY_WEIGHTS = [18, 13, 12, 13, 18, 14, 12];

/** Nottinghamshire County, "891". */
export const COUNTY: AuthorityProfile = {
  code: '891',
  districts: COUNTY_DISTRICTS.map((d, i) => [d, COUNTY_WEIGHTS[i] ?? 10] as const),
  otherAuthorities: [
    'Derbyshire', 'Leicestershire', 'Lincolnshire', 'Doncaster', 'Sheffield', 'Derby', 'Leicester',
    'Birmingham', 'Staffordshire', 'Rotherham',
  ],
  postcodeDistricts: [
    'NG15', 'NG16', 'NG17', 'NG18', 'NG19', 'NG20', 'NG21', 'NG22', 'NG24', 'NG4', 'NG9', 'NG12', 'S80', 'S81', 'DN22',
  ],
  personIdBase: 1_000_000,
};

/** The neighbouring city, "892". */
export const CITY: AuthorityProfile = {
  code: '892',
  districts: CITY_DISTRICTS.map((d) => [d, 10] as const),
  otherAuthorities: [
    'Derbyshire', 'Leicestershire', 'Lincolnshire', 'Derby', 'Leicester', 'Northamptonshire',
    'Stoke-on-Trent', 'Walsall',
  ],
  postcodeDistricts: ['NG1', 'NG2', 'NG3', 'NG5', 'NG6', 'NG7', 'NG8', 'NG11'],
  personIdBase: 5_000_000,
};

/** Hands out ids that are unique within one authority across all periods. */
export class IdSequence {
  private nextChild = 1;

  constructor(private readonly authority: AuthorityProfile) {}

  /** The next child: the authority's id (e.g. "891-C000123") and the police person id. */
  nextIds(): { laChildId: string; policePersonId: string } {
    const n = this.nextChild;
    this.nextChild += 1;
    return {
      laChildId: `${this.authority.code}-C${String(n).padStart(6, '0')}`,
      policePersonId: `PP${this.authority.personIdBase + n}`,
    };
  }
}
