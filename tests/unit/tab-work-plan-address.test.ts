import { filtersFromAddress, NO_FILTERS } from '../../tab/src/views/work-plan/filters';

/** A card's "and 87 more" opens the tab's work-plan on the same list: the filters come from the link. */
describe("the work-plan view's filters from its address", () => {
  it('reads the status, dates, owner and organisation a card links with', () => {
    expect(filtersFromAddress('?view=work-plan&team=19%3Ax%40thread.tacv2&status=open&dueFrom=2027-03-08&dueTo=2027-03-22')).toEqual({
      ...NO_FILTERS,
      status: 'open',
      dueFrom: '2027-03-08',
      dueTo: '2027-03-22',
    });
    expect(filtersFromAddress('?status=done&owner=2f8d3e5a-7c9b-4a4d-8e1f-3b4c5d6e7f80')).toMatchObject({ status: 'done', owner: '2f8d3e5a-7c9b-4a4d-8e1f-3b4c5d6e7f80' });
    expect(filtersFromAddress('?org=Organisation%20mondiale')).toMatchObject({ org: 'Organisation mondiale' });
  });

  it('drops what is not a status or a date, and bounds the rest as the API does', () => {
    expect(filtersFromAddress('?status=everything&dueTo=tomorrow&dueFrom=2027-13')).toEqual(NO_FILTERS);
    expect(filtersFromAddress(`?owner=${'x'.repeat(500)}&org=${'y'.repeat(500)}`)).toMatchObject({ owner: 'x'.repeat(64), org: 'y'.repeat(100) });
    expect(filtersFromAddress('')).toEqual(NO_FILTERS);
  });
});
