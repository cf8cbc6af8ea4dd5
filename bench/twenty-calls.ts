// The calls the bench names in 'required-calls'.

/** The calls a busy release workflow might name: 20 of them, in the forms users write, for the cost of 'required-calls'. */
export const TWENTY_CALLS = [
  'POST /open-apis/im/v1/messages',
  'POST /open-apis/im/v1/messages/:message_id/reply',
  'POST /open-apis/im/v1/images',
  'POST /open-apis/im/v1/files',
  'GET /open-apis/im/v1/chats/oc_96ce72da5955ef8c921b2e15f9ab6b8f',
  'GET https://open.feishu.cn/open-apis/im/v1/chats/oc_96ce72da5955ef8c921b2e15f9ab6b8f/members/is_in_chat',
  'im.v1.chatMembers.create',
  'POST /open-apis/bitable/v1/apps/{app_token}/tables/{table_id}/records',
  'PUT /open-apis/bitable/v1/apps/{app_token}/tables/{table_id}/records/{record_id}',
  'POST /open-apis/bitable/v1/apps/{app_token}/tables/{table_id}/records/search',
  'docx.v1.document.create',
  'GET /open-apis/docx/v1/documents/{document_id}/raw_content',
  'POST /open-apis/docx/v1/documents/{document_id}/blocks/{block_id}/children',
  'GET /open-apis/sheets/v3/spreadsheets/{spreadsheet_token}',
  'GET /open-apis/wiki/v2/spaces/get_node?token=x',
  'POST /open-apis/drive/v1/files/upload_all',
  'GET /open-apis/calendar/v4/calendars/{calendar_id}/events',
  'POST /open-apis/calendar/v4/calendars/{calendar_id}/events',
  'contact.v3.user.batchGetId',
  'GET /open-apis/contact/v3/users/{user_id}'
].join('\n')
