import { tr, type Msg } from '../../text/i18n.js';
import type { Locale } from '../../bot/types.js';
import type { Refusal } from './attachment.js';
import { showSize } from './attachment.js';
import type { ReviewConfig } from '../../domain/review.js';
import type { Ballot } from './records.js';
import type { Missing } from './scoring.js';

/** Every user-facing text of the year-end review, in Vietnamese and English. */
export const M = {
  sentAt: { vi: 'Gửi lúc: {at}', en: 'Sent: {at}' },
  continue: { vi: 'Tiếp tục', en: 'Continue' },
  later: { vi: 'Để sau', en: 'Later' },
  points: { vi: '{n} điểm', en: '{n} points' },
  cancelled: { vi: 'Đã hủy.', en: 'Cancelled.' },
  // ── commands ──
  cmdReview: { vi: 'tự đánh giá, chấm điểm thi đua cuối năm của đơn vị; /binhxet xephang, /binhxet bienban', en: 'your unit’s year-end self-assessment; /review ranking, /review minutes' },
  cmdVote: { vi: 'bỏ phiếu kín suy tôn của Cụm; /bophieu mo, /bophieu dong, /bophieu xem, /bophieu uyquyen', en: 'the cluster’s secret ballot; /vote open, /vote close, /vote status, /vote delegate' },
  // ── common ──
  badYear: { vi: 'Năm "{year}" không hợp lệ. Ví dụ: /binhxet 2026', en: 'The year "{year}" is not valid. Example: /review 2026' },
  noConfig: {
    vi: 'Chưa có bảng chấm điểm bình xét năm {year} của {cluster} (tệp data/clusters/{clusterId}/review-{year}.yaml). Vui lòng báo bộ phận thi đua – khen thưởng.',
    en: 'There is no {year} review scoring table for {cluster} (file data/clusters/{clusterId}/review-{year}.yaml). Please tell the emulation office.',
  },
  sampleNote: {
    vi: '⚠️ Bảng chấm điểm, ngày và ngưỡng bỏ phiếu năm {year} là BẢN MẪU để chạy thử, chưa phải quy định; bộ phận thi đua – khen thưởng cần nhập số liệu thực tế.',
    en: '⚠️ The {year} scoring table, dates and vote thresholds are a SAMPLE for trying the bot out, not a rule; the emulation office must enter the real ones.',
  },
  usageReview: {
    vi: 'Cách dùng: /binhxet [năm] — tự đánh giá; /binhxet xem [năm] — xem và duyệt; /binhxet xephang [năm] — xếp hạng Cụm; /binhxet bienban [năm] — biên bản. Không hiểu "{word}".',
    en: 'Usage: /review [year] — self-assessment; /review view [year] — view and approve; /review ranking [year] — the cluster ranking; /review minutes [year] — the minutes. Did not understand "{word}".',
  },
  usageVote: {
    vi: 'Cách dùng: /bophieu — bỏ phiếu; /bophieu mo — mở phiếu (Cụm trưởng); /bophieu dong — đóng phiếu; /bophieu xem — tình hình bỏ phiếu; /bophieu uyquyen — thủ trưởng cử người bỏ phiếu. Không hiểu "{word}".',
    en: 'Usage: /vote — cast your unit’s ballot; /vote open — open a ballot (cluster head); /vote close — close one; /vote status — who has voted; /vote delegate — the head names who votes. Did not understand "{word}".',
  },
  // ── self-assessment ──
  saTitle: { vi: 'tự đánh giá cuối năm', en: 'year-end self-assessment' },
  saIntro: {
    vi: 'Tự đánh giá, chấm điểm thi đua năm {year} của {unit}: {n} tiêu chí, tối đa {max} điểm. Với mỗi tiêu chí, gõ "điểm; ghi chú minh chứng" (ví dụ: 28; Hoàn thành 95% kế hoạch, Báo cáo số 12/BC). Câu trả lời được lưu sau mỗi bước; /huy để dừng.\nHạn nộp: {due}.',
    en: 'Year-end self-assessment {year} of {unit}: {n} criteria, at most {max} points. For each, type "points; evidence note" (e.g. 28; 95% of the plan done, Report No. 12/BC). Answers are saved after every step; /cancel to stop.\nDue: {due}.',
  },
  saField: { vi: '{code} {name} (tối đa {max} điểm)', en: '{code} {name} (at most {max} points)' },
  saHelp: { vi: 'Minh chứng cần có: {evidence}. Gõ "điểm; ghi chú", ví dụ "{example}; …".', en: 'Evidence asked for: {evidence}. Type "points; note", e.g. "{example}; …".' },
  saScoreFormat: { vi: 'Gõ "điểm; ghi chú minh chứng", ví dụ "8; Báo cáo số 15/BC ngày 10/12".', en: 'Type "points; evidence note", e.g. "8; Report No. 15/BC of 10 December".' },
  saNoNote: { vi: 'Thiếu ghi chú minh chứng sau dấu ";" (ví dụ "8; Báo cáo số 15/BC").', en: 'The evidence note after ";" is missing (e.g. "8; Report No. 15/BC").' },
  saTooHigh: { vi: 'Điểm tối đa của tiêu chí này là {max}.', en: 'This criterion gives at most {max} points.' },
  saNoteLong: { vi: 'Ghi chú tối đa 500 ký tự.', en: 'The note may have at most 500 characters.' },
  saResumed: { vi: 'Tiếp tục bản đang soạn dở (lưu lúc {at}).', en: 'Resuming your unfinished answers (saved {at}).' },
  saEditing: { vi: 'Đang sửa bản tự đánh giá hiện có (trạng thái: {status}, phiên bản {version}); các câu trả lời cũ được điền sẵn.', en: 'Editing the existing self-assessment (status: {status}, version {version}); earlier answers are prefilled.' },
  saReturned: { vi: '↩️ Bản tự đánh giá đã bị trả lại. Ý kiến: {comment}', en: '↩️ The self-assessment was returned. Comment: {comment}' },
  saLate: { vi: '⏰ Đã qua hạn nộp ({due}); bản nộp muộn vẫn được nhận và ghi rõ thời điểm nộp.', en: '⏰ The deadline ({due}) has passed; a late self-assessment is still accepted, with its time recorded.' },
  saLocked: { vi: '🔒 Cụm đã mở bỏ phiếu năm {year}: bảng điểm tự đánh giá đã khóa, không sửa được nữa.', en: '🔒 The cluster has opened its {year} vote: self-assessments are locked.' },
  cannotEdit: { vi: 'Bạn không có quyền tự đánh giá cho {unit}. Chỉ cán bộ đầu mối và thủ trưởng đơn vị mới làm được; gõ /binhxet xem để xem.', en: 'You may not fill in the self-assessment of {unit}. Only its focal officers and head can; type /review view to see it.' },
  askReport: {
    vi: '📎 Đính kèm báo cáo tổng kết năm {year} của đơn vị ({types}, tối đa {max} MB). {how}\nGõ "-" để đính kèm sau.',
    en: '📎 Attach the unit’s {year} year-end report ({types}, at most {max} MB). {how}\nType "-" to attach it later.',
  },
  howTelegram: { vi: 'Gửi tệp vào cuộc trò chuyện này.', en: 'Send the file in this chat.' },
  howSlack: { vi: 'Gửi tệp trong tin nhắn riêng với bot.', en: 'Send the file in your direct messages with the bot.' },
  howConsole: { vi: 'Gõ đường dẫn tệp, ví dụ @/home/ban/bao-cao-2026.pdf.', en: 'Type the file path, e.g. @/home/you/report-2026.pdf.' },
  reportKept: { vi: '📎 Đã nhận "{name}" ({size}, SHA-256 {hash}…). Tệp chỉ được lưu, không được mở hay chạy.', en: '📎 Received "{name}" ({size}, SHA-256 {hash}…). The file is only stored, never opened or run.' },
  reportRefused: { vi: '⛔ Không nhận tệp "{name}": {reason}', en: '⛔ The file "{name}" was not accepted: {reason}' },
  refTooBig: { vi: 'tệp {size}, quá {max} cho phép.', en: 'it is {size}, more than the {max} allowed.' },
  refType: { vi: 'loại tệp ".{ext}" không được nhận; chỉ nhận {allowed}.', en: 'files of type ".{ext}" are not accepted; only {allowed}.' },
  refEmpty: { vi: 'tệp rỗng.', en: 'the file is empty.' },
  refMismatch: { vi: 'nội dung tệp không phải tệp .{ext} như tên tệp cho biết (có thể đã bị đổi tên).', en: 'its content is not a .{ext} file as its name says (it may have been renamed).' },
  refUnreadable: { vi: 'không tải được tệp từ nền tảng; vui lòng gửi lại.', en: 'the file could not be downloaded from the platform; please send it again.' },
  expectFile: { vi: 'Đang chờ tệp báo cáo. {how} Gõ "-" để bỏ qua.', en: 'Waiting for the report file. {how} Type "-" to skip.' },
  fileNoFlow: { vi: 'Tôi chỉ nhận tệp khi bạn đang đính kèm báo cáo tổng kết (/binhxet).', en: 'I only take files while you attach the year-end report (/review).' },
  saReview: { vi: 'Kiểm tra trước khi gửi:', en: 'Before sending:' },
  saTotal: { vi: 'Tổng điểm tự chấm: {total}/{max}', en: 'Self-assessed total: {total}/{max}' },
  saReport: { vi: 'Báo cáo tổng kết: {report}', en: 'Year-end report: {report}' },
  saNoReport: { vi: 'chưa đính kèm', en: 'not attached' },
  saMissingItems: { vi: '❌ Chưa chấm {n} tiêu chí: {list}', en: '❌ {n} criteria not scored: {list}' },
  saMissingReport: { vi: '❌ Chưa đính kèm báo cáo tổng kết (bắt buộc).', en: '❌ The year-end report is not attached (required).' },
  saReviewHint: { vi: 'Chọn một nút bên dưới (hoặc gõ "gửi", "lưu", "sửa", "tệp").', en: 'Press a button below (or type "send", "save", "edit", "file").' },
  saSubmit: { vi: '📨 Gửi tự đánh giá', en: '📨 Send' },
  saSave: { vi: '💾 Lưu nháp', en: '💾 Save draft' },
  saEdit: { vi: '✏️ Sửa một mục', en: '✏️ Edit one item' },
  saAttach: { vi: '📎 Đính kèm báo cáo', en: '📎 Attach the report' },
  saPick: { vi: 'Sửa tiêu chí nào?', en: 'Which criterion do you want to change?' },
  saSelfApprove: { vi: 'Bạn là thủ trưởng đơn vị: bấm "Duyệt" để duyệt ngay, hoặc duyệt sau bằng /binhxet xem.', en: 'You are the head of unit: press "Approve" now, or approve later with /review view.' },
  saSubmitted: { vi: '✅ Đã gửi bản tự đánh giá năm {year} của {unit} ({total}/{max} điểm, phiên bản {version}). Thủ trưởng đơn vị sẽ duyệt.', en: '✅ Sent the {year} self-assessment of {unit} ({total}/{max} points, version {version}). The head of unit will approve it.' },
  saSaved: { vi: '💾 Đã lưu nháp (phiên bản {version}). Gõ /binhxet để tiếp tục.', en: '💾 Draft saved (version {version}). Type /review to continue.' },
  saStale: { vi: 'Trong lúc bạn soạn, bản tự đánh giá đã thay đổi (phiên bản {version}). Câu trả lời của bạn vẫn được giữ; hãy kiểm tra rồi gửi lại.', en: 'While you were editing, the self-assessment changed (version {version}). Your answers are kept; check them and send again.' },
  saIncomplete: { vi: 'Chưa gửi được: còn thiếu mục bắt buộc (❌ ở trên).', en: 'Not sent: required items are missing (❌ above).' },
  saUnchanged: { vi: 'Không có thay đổi so với bản đã gửi (phiên bản {version}).', en: 'Nothing changed since the sent version {version}.' },
  saStatusSave: { vi: 'Bản tự đánh giá đã được gửi; để thay đổi hãy bấm "Gửi tự đánh giá" (thủ trưởng duyệt lại).', en: 'The self-assessment is already sent; to change it press "Send" (the head approves again).' },
  saForbidden: { vi: 'Bạn không còn quyền sửa bản tự đánh giá của đơn vị này.', en: 'You may no longer edit this unit’s self-assessment.' },
  formErrors: { vi: 'Biểu mẫu còn {n} mục chưa hợp lệ:\n{list}', en: 'The form has {n} invalid item(s):\n{list}' },
  saNotifySubmitted: { vi: '📨 {who} đã gửi bản tự đánh giá thi đua năm {year} của {unit}: {total}/{max} điểm. Vui lòng xem và duyệt.', en: '📨 {who} sent the {year} self-assessment of {unit}: {total}/{max} points. Please review and approve.' },
  saNotifyApproved: { vi: '✅ Bản tự đánh giá năm {year} của {unit} đã được {who} duyệt.', en: '✅ The {year} self-assessment of {unit} was approved by {who}.' },
  saNotifyReturned: { vi: '↩️ Bản tự đánh giá năm {year} của {unit} đã bị {who} trả lại.\nÝ kiến: {comment}\nGõ /binhxet để sửa và gửi lại.', en: '↩️ The {year} self-assessment of {unit} was returned by {who}.\nComment: {comment}\nType /review to fix and send again.' },
  notified: { vi: 'Đã thông báo cho: {list}.', en: 'Notified: {list}.' },
  unreachable: { vi: 'Chưa gửi được thông báo tới {list} (nền tảng của họ chưa chạy trong tiến trình này); hãy báo trực tiếp.', en: 'Could not notify {list} (their platform is not running in this process); please tell them directly.' },
  nobodyHead: { vi: 'Đơn vị chưa có thủ trưởng nào tham gia bot để duyệt.', en: 'No head of this unit has joined the bot to approve it.' },
  approve: { vi: '✅ Duyệt', en: '✅ Approve' },
  return: { vi: '↩️ Trả lại', en: '↩️ Return' },
  // ── view ──
  saNone: { vi: '{unit} chưa có bản tự đánh giá năm {year}. Gõ /binhxet để bắt đầu.', en: '{unit} has no {year} self-assessment yet. Type /review to start.' },
  saWip: { vi: 'Có bản đang soạn dở ({n} mục, lưu lúc {at}) — gõ /binhxet để tiếp tục.', en: 'There are unfinished answers ({n} items, saved {at}) — type /review to continue.' },
  saHeader: { vi: '📋 Tự đánh giá thi đua năm {year} — {unit}\nTrạng thái: {status} (phiên bản {version})', en: '📋 Year-end self-assessment {year} — {unit}\nStatus: {status} (version {version})' },
  saAwaiting: { vi: 'Bản tự đánh giá đang chờ bạn duyệt.', en: 'This self-assessment awaits your approval.' },
  cannotView: { vi: 'Bạn không xem được bản tự đánh giá của {unit}.', en: 'You may not see the self-assessment of {unit}.' },
  stDraft: { vi: 'nháp', en: 'draft' },
  stSubmitted: { vi: 'đã gửi, chờ duyệt', en: 'sent, awaiting approval' },
  stApproved: { vi: 'đã duyệt', en: 'approved' },
  stReturned: { vi: 'bị trả lại', en: 'returned' },
  stNone: { vi: 'chưa có', en: 'none' },
  // ── decision ──
  decTitle: { vi: 'trả lại bản tự đánh giá', en: 'return a self-assessment' },
  decApproved: { vi: '✅ Đã duyệt bản tự đánh giá năm {year} của {unit} (phiên bản {version}).', en: '✅ Approved the {year} self-assessment of {unit} (version {version}).' },
  decReturned: { vi: '↩️ Đã trả lại bản tự đánh giá năm {year} của {unit} kèm ý kiến.', en: '↩️ Returned the {year} self-assessment of {unit} with your comment.' },
  decAsk: { vi: 'Trả lại bản tự đánh giá năm {year} của {unit}: nhập ý kiến (bắt buộc):', en: 'Returning the {year} self-assessment of {unit}: type your comment (required):' },
  decLong: { vi: 'Ý kiến quá dài (tối đa 1000 ký tự).', en: 'The comment is too long (1000 characters at most).' },
  decForbidden: { vi: 'Bạn không có quyền duyệt bản tự đánh giá của {unit}. Chỉ thủ trưởng đơn vị (hoặc quản trị) mới duyệt được.', en: 'You may not approve the self-assessment of {unit}. Only its head (or an administrator) can.' },
  decMissing: { vi: '{unit} không có bản tự đánh giá năm {year}.', en: '{unit} has no {year} self-assessment.' },
  decStatus: { vi: 'Bản tự đánh giá đang ở trạng thái "{status}", không có gì để duyệt.', en: 'The self-assessment is "{status}"; there is nothing to decide.' },
  decStale: { vi: 'Bản tự đánh giá đã thay đổi (nay là phiên bản {version}) kể từ khi nút này được gửi. Gõ /binhxet xem để xem bản mới nhất.', en: 'The self-assessment changed (now version {version}) since this button was sent. Type /review view for the latest.' },
  // ── ranking ──
  rankTitle: { vi: '🏅 Xếp hạng tự chấm điểm năm {year} — {cluster} ({sent}/{n} đơn vị đã gửi)', en: '🏅 Self-assessment ranking {year} — {cluster} ({sent}/{n} units sent)' },
  rankRow: { vi: '{place}. {unit} — {score} điểm · {status}', en: '{place}. {unit} — {score} points · {status}' },
  rankNone: { vi: '— {unit} — {status}', en: '— {unit} — {status}' },
  rankMissing: { vi: '   thiếu: {list}', en: '   missing: {list}' },
  rankNotAllowed: { vi: 'Chỉ Cụm trưởng và bộ phận thi đua – khen thưởng mới xem được xếp hạng của Cụm.', en: 'Only the cluster head and the emulation office can see the cluster ranking.' },
  rankOpen: { vi: '🗳 Mở phiếu suy tôn', en: '🗳 Open a ballot' },
  missNotStarted: { vi: 'chưa tự đánh giá', en: 'not started' },
  missNotSubmitted: { vi: 'chưa gửi', en: 'not sent' },
  missNotApproved: { vi: 'chờ thủ trưởng duyệt', en: 'awaiting the head’s approval' },
  missReturned: { vi: 'bị trả lại, chưa gửi lại', en: 'returned, not sent again' },
  missReport: { vi: 'báo cáo tổng kết', en: 'the year-end report' },
  missCriteria: { vi: '{n} tiêu chí chưa chấm', en: '{n} criteria unscored' },
  // ── ballot: open ──
  openTitle: { vi: 'mở phiếu bầu', en: 'open a ballot' },
  openNotAllowed: { vi: 'Chỉ Cụm trưởng (hoặc quản trị) mới mở, đóng phiếu của Cụm.', en: 'Only the cluster head (or an administrator) can open or close the cluster’s ballots.' },
  openIntro: { vi: 'Mở phiếu bầu kín năm {year} của {cluster}. Ứng viên được đề xuất theo xếp hạng tự chấm điểm; bạn có thể sửa danh sách.', en: 'Opening a secret ballot {year} of {cluster}. Candidates are proposed from the self-assessment ranking; you may change the list.' },
  fTitle: { vi: 'Danh hiệu suy tôn', en: 'Title voted on' },
  fCandidates: { vi: 'Đơn vị được đề nghị (ứng viên)', en: 'Candidates (units)' },
  fCandidatesHelp: { vi: 'Đề xuất theo xếp hạng: {list}.', en: 'Proposed from the ranking: {list}.' },
  fCandidatesFrom: { vi: 'Đề xuất trong số đơn vị đạt "{title}": {list}.', en: 'Proposed among the units that passed "{title}": {list}.' },
  fCloses: { vi: 'Thời điểm đóng phiếu', en: 'Closing time' },
  fClosesHelp: { vi: 'Dạng "dd/mm/yyyy hh:mm" (giờ Việt Nam), ví dụ {example}.', en: 'As "dd/mm/yyyy hh:mm" (local time), e.g. {example}.' },
  badTime: { vi: 'Không đọc được thời điểm; gõ dạng dd/mm/yyyy hh:mm.', en: 'Could not read the time; type it as dd/mm/yyyy hh:mm.' },
  pastTime: { vi: 'Thời điểm đóng phiếu phải ở tương lai.', en: 'The closing time must be in the future.' },
  noCandidates: { vi: 'Cần ít nhất một ứng viên.', en: 'At least one candidate is needed.' },
  openReview: { vi: 'Mở phiếu "{title}" năm {year}:\nỨng viên: {list}\nĐóng phiếu: {closes}\nSố đơn vị bỏ phiếu: {n}\n{rule}', en: 'Open the ballot "{title}" {year}:\nCandidates: {list}\nCloses: {closes}\nUnits voting: {n}\n{rule}' },
  openConfirm: { vi: '🗳 Mở phiếu', en: '🗳 Open the ballot' },
  openConfirmHint: { vi: 'Bấm "Mở phiếu" (hoặc gõ "mở") để mở; sau khi mở không đổi được ứng viên.', en: 'Press "Open the ballot" (or type "open"); candidates cannot change once it is open.' },
  opened: { vi: '🗳 Đã mở phiếu "{title}" năm {year}; đóng lúc {closes}. Các đơn vị thành viên sẽ được thông báo.', en: '🗳 The ballot "{title}" {year} is open; it closes at {closes}. The member units will be told.' },
  openExists: { vi: 'Phiếu "{title}" năm {year} đã được mở trước đó (mỗi danh hiệu một lần bỏ phiếu).', en: 'The ballot "{title}" {year} was already opened (one vote per title).' },
  openBadCandidates: { vi: 'Ứng viên không thuộc Cụm: {list}.', en: 'Candidates outside the cluster: {list}.' },
  unknownTitle: { vi: 'Không có danh hiệu "{title}" trong bảng bình xét năm {year}. Các danh hiệu: {list}.', en: 'There is no title "{title}" in the {year} review. Titles: {list}.' },
  rule: {
    vi: 'Điều kiện: bỏ phiếu hợp lệ khi có {quorum} đơn vị thành viên bỏ phiếu (ít nhất {minVoters}/{eligible}); ứng viên đạt khi được {cmp} {pass} số phiếu "Đồng ý" trên {base}.',
    en: 'Rule: the vote counts when {quorum} of the member units vote (at least {minVoters}/{eligible}); a candidate passes with {cmp} {pass} "Agree" of {base}.',
  },
  cmpAtLeast: { vi: 'từ', en: 'at least' },
  cmpMoreThan: { vi: 'trên', en: 'more than' },
  baseEligible: { vi: 'tổng số đơn vị thành viên', en: 'all member units' },
  baseVoted: { vi: 'số phiếu đã bỏ', en: 'the ballots cast' },
  ruleSource: { vi: 'Nguồn ngưỡng: {source}', en: 'Source of the thresholds: {source}' },
  // ── ballot: cast ──
  voteTitle: { vi: 'bỏ phiếu', en: 'voting' },
  noBallot: { vi: 'Hiện không có phiếu nào đang mở cho {unit}.', en: 'There is no open ballot for {unit}.' },
  allVoted: { vi: '{unit} đã bỏ phiếu ở tất cả các phiếu đang mở.', en: '{unit} has voted in every open ballot.' },
  pickBallot: { vi: 'Chọn phiếu để bỏ:', en: 'Choose the ballot:' },
  voteIntro: {
    vi: '🗳 Phiếu bầu kín: "{title}" năm {year} — {cluster}\nĐơn vị bỏ phiếu: {unit}\nĐóng phiếu: {closes}\nVới mỗi ứng viên, chọn "Đồng ý" hoặc "Không đồng ý", rồi bấm "Gửi phiếu". Không ai, kể cả Cụm trưởng và quản trị, xem được đơn vị bạn đã chọn gì; phiếu đã gửi không sửa được.',
    en: '🗳 Secret ballot: "{title}" {year} — {cluster}\nVoting for: {unit}\nCloses: {closes}\nFor each candidate choose "Agree" or "Disagree", then press "Send ballot". Nobody — the cluster head and the administrators included — can see what your unit chose; a sent ballot cannot be changed.',
  },
  candField: { vi: 'Ứng viên: {unit}', en: 'Candidate: {unit}' },
  yes: { vi: 'Đồng ý', en: 'Agree' },
  no: { vi: 'Không đồng ý', en: 'Disagree' },
  yesNoOnly: { vi: 'Trả lời "Đồng ý" hoặc "Không đồng ý".', en: 'Answer "Agree" or "Disagree".' },
  voteReview: { vi: 'Phiếu của {unit} — "{title}" năm {year}:\n{lines}\n\nBấm "Gửi phiếu" (hoặc gõ "gửi phiếu") để gửi; sau khi gửi không sửa được.', en: 'Ballot of {unit} — "{title}" {year}:\n{lines}\n\nPress "Send ballot" (or type "send") to send it; it cannot be changed afterwards.' },
  voteSend: { vi: '📨 Gửi phiếu', en: '📨 Send ballot' },
  voteRedo: { vi: '✏️ Chọn lại', en: '✏️ Choose again' },
  voteCounted: { vi: '✅ Đã gửi phiếu của {unit} cho "{title}" năm {year}. Phiếu được tính một lần và giữ kín; kết quả được công bố khi đóng phiếu ({closes}).', en: '✅ The ballot of {unit} for "{title}" {year} was sent. It counts once and stays secret; results come when the ballot closes ({closes}).' },
  voteAlready: { vi: '{unit} đã bỏ phiếu cho "{title}" năm {year} (có thể từ một thiết bị hoặc người khác của đơn vị). Mỗi đơn vị chỉ một phiếu; phiếu này không được tính.', en: '{unit} has already voted for "{title}" {year} (perhaps from another device or person of the unit). One ballot per unit; this one was not counted.' },
  voteClosed: { vi: 'Phiếu "{title}" năm {year} đã đóng lúc {closes}; phiếu của bạn không được tính.', en: 'The ballot "{title}" {year} closed at {closes}; your ballot was not counted.' },
  voteUnknown: { vi: 'Không tìm thấy phiếu này (có thể đã bị xóa).', en: 'This ballot was not found (it may have been removed).' },
  voteNotMember: { vi: 'Đơn vị của bạn ({unit}) không thuộc {cluster} nên không bỏ phiếu này.', en: 'Your unit ({unit}) is not a member of {cluster}, so it does not vote in this ballot.' },
  voteNotVoter: { vi: 'Chỉ thủ trưởng {unit} hoặc người được thủ trưởng cử mới bỏ phiếu cho đơn vị (/bophieu uyquyen).', en: 'Only the head of {unit}, or the person the head named, votes for the unit (/vote delegate).' },
  voteInvalid: { vi: 'Phiếu chưa hợp lệ: cần chọn cho đủ mọi ứng viên. Gõ /bophieu để bỏ lại.', en: 'The ballot is not valid: every candidate needs a choice. Type /vote to start again.' },
  voteError: { vi: 'Chưa ghi được phiếu do lỗi lưu trữ; phiếu CHƯA được tính. Vui lòng gửi lại sau ít phút.', en: 'The ballot could not be stored; it was NOT counted. Please send it again in a few minutes.' },
  voteNoticeOpen: {
    vi: '🗳 Cụm trưởng đã mở phiếu bầu kín "{title}" năm {year} — {cluster}.\nỨng viên: {list}\nĐóng phiếu: {closes}.\nThủ trưởng đơn vị (hoặc người được cử) bấm nút dưới đây hoặc gõ /bophieu để bỏ phiếu.',
    en: '🗳 The cluster head opened the secret ballot "{title}" {year} — {cluster}.\nCandidates: {list}\nCloses: {closes}.\nThe head of unit (or the person named) presses the button below or types /vote.',
  },
  voteButton: { vi: '🗳 Bỏ phiếu', en: '🗳 Vote' },
  // ── ballot: close / status ──
  closeTitle: { vi: 'đóng phiếu', en: 'close a ballot' },
  pickClose: { vi: 'Đóng phiếu nào? ({n} phiếu đang mở)', en: 'Close which ballot? ({n} open)' },
  noOpen: { vi: 'Không có phiếu nào đang mở trong {cluster}.', en: 'There is no open ballot in {cluster}.' },
  closeConfirm: { vi: 'Đóng phiếu "{title}" năm {year} ngay bây giờ? Đã có {voted}/{eligible} đơn vị bỏ phiếu; sau khi đóng không nhận thêm phiếu.', en: 'Close the ballot "{title}" {year} now? {voted}/{eligible} units have voted; no ballot is taken after closing.' },
  closeYes: { vi: '🔒 Đóng phiếu', en: '🔒 Close it' },
  closedNow: { vi: '🔒 Đã đóng phiếu "{title}" năm {year}.', en: '🔒 The ballot "{title}" {year} is closed.' },
  closedBefore: { vi: 'Phiếu "{title}" năm {year} đã đóng trước đó.', en: 'The ballot "{title}" {year} was already closed.' },
  resultTitle: { vi: '📊 Kết quả bỏ phiếu kín "{title}" năm {year} — {cluster}', en: '📊 Results of the secret ballot "{title}" {year} — {cluster}' },
  resultTurnout: { vi: 'Số đơn vị bỏ phiếu: {voted}/{eligible}{quorum}.', en: 'Units voting: {voted}/{eligible}{quorum}.' },
  quorumMet: { vi: ' (đủ tỷ lệ {q})', en: ' (quorum of {q} met)' },
  quorumNot: { vi: ' — KHÔNG đủ tỷ lệ {q} nên không ứng viên nào đạt', en: ' — quorum of {q} NOT met, so no candidate passes' },
  resultRow: { vi: '• {unit}: {yes} đồng ý, {no} không đồng ý ({pct}) — {verdict}', en: '• {unit}: {yes} agree, {no} disagree ({pct}) — {verdict}' },
  passed: { vi: '✅ đạt', en: '✅ passes' },
  failed: { vi: '❌ không đạt', en: '❌ does not pass' },
  resultNeed: { vi: 'Cần ít nhất {n} phiếu "Đồng ý" để đạt.', en: 'A candidate needs at least {n} "Agree" to pass.' },
  statusTitle: { vi: '🗳 "{title}" năm {year} — {state}, đóng {closes}', en: '🗳 "{title}" {year} — {state}, closes {closes}' },
  stOpen: { vi: 'đang mở', en: 'open' },
  stClosed: { vi: 'đã đóng', en: 'closed' },
  statusVoted: { vi: 'Đã bỏ phiếu ({n}/{eligible}): {list}', en: 'Voted ({n}/{eligible}): {list}' },
  statusPending: { vi: 'Chưa bỏ phiếu: {list}', en: 'Not yet voted: {list}' },
  statusSecret: { vi: '(Phiếu kín: chỉ biết đơn vị nào đã bỏ phiếu; số phiếu được công bố khi đóng phiếu.)', en: '(Secret ballot: only who has voted is shown; the counts come when the ballot closes.)' },
  statusUnit: { vi: '{unit}: {state}', en: '{unit}: {state}' },
  unitVoted: { vi: 'đã bỏ phiếu', en: 'has voted' },
  unitNotVoted: { vi: 'chưa bỏ phiếu (/bophieu)', en: 'has not voted (/vote)' },
  noBallots: { vi: 'Chưa có phiếu nào năm {year} trong {cluster}.', en: 'There are no ballots for {year} in {cluster}.' },
  // ── representative ──
  repNotHead: { vi: 'Chỉ thủ trưởng đơn vị mới cử người bỏ phiếu cho đơn vị.', en: 'Only the head of unit names who votes for the unit.' },
  repPick: { vi: 'Cử ai bỏ phiếu thay mặt {unit} năm {year}? (người đã tham gia bot của đơn vị)', en: 'Who votes for {unit} in {year}? (people of the unit who joined the bot)' },
  repNobody: { vi: 'Đơn vị chưa có ai khác tham gia bot để cử.', en: 'Nobody else of the unit has joined the bot yet.' },
  repSet: { vi: '✅ Đã cử {name} bỏ phiếu thay mặt {unit} năm {year}. Thủ trưởng vẫn bỏ phiếu được; mỗi đơn vị chỉ một phiếu.', en: '✅ {name} now votes for {unit} in {year}. The head can still vote; one ballot per unit.' },
  repCurrent: { vi: 'Hiện đang cử: {name}.', en: 'Currently named: {name}.' },
  repGone: { vi: 'Người này không còn thuộc đơn vị.', en: 'This person is no longer in the unit.' },
  repNotice: { vi: '🗳 Thủ trưởng {unit} đã cử bạn bỏ phiếu thay mặt đơn vị năm {year}. Gõ /bophieu khi phiếu được mở.', en: '🗳 The head of {unit} named you to vote for the unit in {year}. Type /vote when a ballot opens.' },
  // ── minutes ──
  minutesNotAllowed: { vi: 'Chỉ Cụm trưởng và bộ phận thi đua – khen thưởng mới lập biên bản.', en: 'Only the cluster head and the emulation office can make the minutes.' },
  minutesFile: { vi: '📎 Biên bản bình xét, suy tôn năm {year} của {cluster} ({n} phiếu đã đóng).', en: '📎 Minutes of the {year} review and vote of {cluster} ({n} closed ballots).' },
  minutesNone: { vi: 'Chưa có phiếu nào đã đóng năm {year}; biên bản chỉ có phần tự chấm điểm.', en: 'No ballot of {year} is closed yet; the minutes only hold the self-assessments.' },
} satisfies Record<string, Msg>;

export const SA_STATUS: Record<string, Msg> = { draft: M.stDraft, submitted: M.stSubmitted, approved: M.stApproved, returned: M.stReturned, none: M.stNone };

export function missingText(l: Locale, missing: Missing[], unscored: string[]): string {
  return missing
    .map((m) =>
      m === 'not-started'
        ? tr(l, M.missNotStarted)
        : m === 'not-submitted'
          ? tr(l, M.missNotSubmitted)
          : m === 'not-approved'
            ? tr(l, M.missNotApproved)
            : m === 'returned'
              ? tr(l, M.missReturned)
              : m === 'report'
                ? tr(l, M.missReport)
                : tr(l, M.missCriteria, { n: unscored.length }),
    )
    .join(', ');
}

export function refusalText(l: Locale, name: string, r: Refusal): string {
  const reason =
    r.why === 'too-big'
      ? tr(l, M.refTooBig, { size: showSize(r.size, l), max: showSize(r.max, l) })
      : r.why === 'type'
        ? tr(l, M.refType, { ext: r.ext, allowed: r.allowed.map((a) => '.' + a).join(', ') })
        : r.why === 'empty'
          ? tr(l, M.refEmpty)
          : r.why === 'mismatch'
            ? tr(l, M.refMismatch, { ext: r.ext })
            : tr(l, M.refUnreadable);
  return tr(l, M.reportRefused, { name, reason });
}

/** "3,5" in Vietnamese, "3.5" in English. */
export const num = (n: number, l: Locale) => n.toLocaleString(l === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 });

/** The ballot's rule in words, with the sample warning when the thresholds are a sample. */
export function ruleText(l: Locale, b: Ballot, minVoters: number): string {
  const s = b.settings;
  const lines = [
    tr(l, M.rule, {
      quorum: s.quorum.label,
      minVoters,
      eligible: b.eligible.length,
      cmp: tr(l, s.comparison === 'at-least' ? M.cmpAtLeast : M.cmpMoreThan),
      pass: s.pass.label,
      base: tr(l, s.passBase === 'eligible' ? M.baseEligible : M.baseVoted),
    }),
    tr(l, M.ruleSource, { source: s.source[l] }),
  ];
  if (s.sample) lines.push(tr(l, M.sampleNote, { year: b.year }));
  return lines.join('\n');
}

export const sampleLine = (l: Locale, cfg: ReviewConfig) => (cfg.sample ? tr(l, M.sampleNote, { year: cfg.year }) : undefined);
