// The page's shared mutable state: the session view, submissions, draft, question bank and sheet.

export const state = {
  view: null, // the last GET /api/i/{token}
  submissions: [], // sorted by id, oldest first
  draft: null, // { id, source, saved_at }
  draftsSaved: 0,
  bank: { questions: [], red_flags: [], green_flags: [] },
  sheet: null, // the sheet as edited here (normalised)
  computed: null,
  selectedId: null, // null: follow the latest finished submission
  renderedReportKey: "",
};
