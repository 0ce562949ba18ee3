/**
 * The Microsoft client applications that may ask Entra ID for a token to our tab API:
 * Teams (desktop, mobile, web) and the Microsoft 365 / Outlook hosts that run Teams tabs.
 * `access_as_user` is user-consentable, so without this list any app a user consents to
 * could call the tab API as that user. It must equal `preAuthorizedApplications` in
 * infra/aad.manifest.json (a unit test compares them).
 */
export const TEAMS_CLIENT_APP_IDS: readonly string[] = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
];
