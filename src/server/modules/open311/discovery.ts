/** `GET /discovery`: where this GeoReport v2 endpoint is, what it speaks and how to get a key. */

/** When this endpoint's behaviour last changed (the spec's `changeset`). */
export const CHANGESET = '2026-11-25T00:00:00+08:00';

export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
}

/** The discovery document for the endpoint at `baseUrl` (…/open311/v2). */
export function discoveryDocument(baseUrl: string, demo: boolean): Discovery {
  return {
    changeset: CHANGESET,
    contact:
      '请联系本旗综治中心（系统管理员） Contact the banner governance centre (the administrator of this installation). ' +
      'Requests are located by lat/long (WGS-84) only; address_string and address_id cannot be geocoded here.',
    key_service:
      'API keys are issued by an administrator: `zhizhi api-key create --owner NAME`, or POST /api/v1/open311-keys.',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: baseUrl,
        changeset: CHANGESET,
        type: demo ? 'test' : 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
