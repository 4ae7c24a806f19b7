// The brand a person is vetting for, kept while they move between screens.
export const vettingFor = $state<{ brandId: string | null }>({ brandId: null });
