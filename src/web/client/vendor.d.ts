// The browser modules of GOV.UK Frontend and MOJ Frontend ship no type declarations: the part we call.
declare module 'govuk-frontend' {
  export function initAll(config?: { scope?: Element | Document; onError?: (e: unknown) => void }): void;
  export function createAll(
    component: new (root: Element) => unknown,
    config?: undefined,
    scope?: Element | Document,
  ): unknown[];
}
declare module '@ministryofjustice/frontend/moj/components/button-menu/button-menu.mjs' {
  export class ButtonMenu {
    constructor(root: Element);
  }
}
declare module '@ministryofjustice/frontend/moj/components/multi-select/multi-select.mjs' {
  export class MultiSelect {
    constructor(root: Element);
  }
}
declare module '@ministryofjustice/frontend/moj/components/sortable-table/sortable-table.mjs' {
  export class SortableTable {
    constructor(root: Element);
  }
}
