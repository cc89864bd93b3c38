/**
 * Abbreviations, spelling variants, stop words and an English→Vietnamese phrase table used by search.
 * Every key and expansion is written in plain Vietnamese (with or without diacritics); it is folded
 * through the same normalisation as the text it meets, so "CSTĐCS", "cstdcs" and "CSTDCS" are one key.
 */
import { words } from '../text/vntext.js';

/** Abbreviation (or short phrase) → the full phrase it stands for. Longest key wins. */
export const ABBREVIATIONS: Record<string, string> = {
  // emulation titles
  'CSTĐCS': 'chiến sĩ thi đua cơ sở',
  'CSTĐ cơ sở': 'chiến sĩ thi đua cơ sở',
  'CSTĐ cấp cơ sở': 'chiến sĩ thi đua cơ sở',
  // the name most askers write (the Law says "cơ sở" without "cấp")
  'chiến sĩ thi đua cấp cơ sở': 'chiến sĩ thi đua cơ sở',
  'CSTĐ cấp bộ': 'chiến sĩ thi đua cấp bộ',
  'chiến sĩ thi đua cấp toàn quốc': 'chiến sĩ thi đua toàn quốc',
  'CSTĐTQ': 'chiến sĩ thi đua toàn quốc',
  'CSTĐ toàn quốc': 'chiến sĩ thi đua toàn quốc',
  'CSTĐCB': 'chiến sĩ thi đua cấp bộ',
  'CSTĐB': 'chiến sĩ thi đua cấp bộ',
  'CSTĐ': 'chiến sĩ thi đua',
  'CSTT': 'chiến sĩ tiên tiến',
  'LĐTT': 'lao động tiên tiến',
  'TTLĐXS': 'tập thể lao động xuất sắc',
  'TTLĐTT': 'tập thể lao động tiên tiến',
  'TT LĐXS': 'tập thể lao động xuất sắc',
  'TT LĐTT': 'tập thể lao động tiên tiến',
  'cờ bộ': 'cờ thi đua của bộ',
  'cờ ngành': 'cờ thi đua của bộ ngành',
  'cờ CP': 'cờ thi đua của chính phủ',
  'cờ chính phủ': 'cờ thi đua của chính phủ',
  'cờ TĐ': 'cờ thi đua',
  // forms of commendation
  'BKTTg': 'bằng khen của thủ tướng chính phủ',
  'BKTTCP': 'bằng khen của thủ tướng chính phủ',
  'BK TTg': 'bằng khen của thủ tướng chính phủ',
  'BK thủ tướng': 'bằng khen của thủ tướng chính phủ',
  'BK bộ': 'bằng khen của bộ trưởng',
  'BKBT': 'bằng khen của bộ trưởng',
  'BK': 'bằng khen',
  'GK': 'giấy khen',
  'KNC': 'kỷ niệm chương',
  'KNC VSNTP': 'kỷ niệm chương vì sự nghiệp tư pháp',
  // orders ("HCLĐ hạng Ba", "HC Độc lập hạng Nhì")
  'HCLĐ': 'huân chương lao động',
  // "LĐ" alone is also "lãnh đạo": only after "huân chương"
  'huân chương LĐ': 'huân chương lao động',
  'HC LĐ': 'huân chương lao động',
  'HC': 'huân chương',
  // bodies and documents
  'HĐTĐKT': 'hội đồng thi đua khen thưởng',
  'HĐ TĐKT': 'hội đồng thi đua khen thưởng',
  'TĐKT': 'thi đua khen thưởng',
  'TĐ KT': 'thi đua khen thưởng',
  'TĐ': 'thi đua',
  'KT': 'khen thưởng',
  'CQ': 'cơ quan',
  'ĐV': 'đơn vị',
  'NĐ': 'nghị định',
  'NĐCP': 'nghị định chính phủ',
  'TT': 'thông tư',
  'TTg': 'thủ tướng',
  'CP': 'chính phủ',
  'QĐ': 'quyết định',
  'CV': 'công văn',
  'BTP': 'bộ tư pháp',
  'BNV': 'bộ nội vụ',
  'TCCB': 'tổ chức cán bộ',
  'THADS': 'thi hành án dân sự',
  'STP': 'sở tư pháp',
  'UBND': 'ủy ban nhân dân',
  'TW': 'trung ương',
  'CBCCVC': 'cán bộ công chức viên chức',
  'CB CC VC': 'cán bộ công chức viên chức',
  'CCVC': 'công chức viên chức',
  'NLĐ': 'người lao động',
  'HTXSNV': 'hoàn thành xuất sắc nhiệm vụ',
  'HTTNV': 'hoàn thành tốt nhiệm vụ',
  'HTNV': 'hoàn thành nhiệm vụ',
  'SK': 'sáng kiến',
  'LCS': 'lương cơ sở',
};

/** Words officers use interchangeably in this domain, mapped to one form (applied to passages and questions alike). */
export const SYNONYMS: Record<string, string> = {
  'liên tiếp': 'liên tục',
  'điều kiện': 'tiêu chuẩn',
  'tiêu chí': 'tiêu chuẩn',
  'phần trăm': 'tỷ lệ',
  'tỉ lệ': 'tỷ lệ',
  'khống chế': 'giới hạn',
  'mức thưởng': 'tiền thưởng',
  'được thưởng': 'tiền thưởng',
  'thưởng bao nhiêu': 'tiền thưởng',
  'thưởng mấy': 'tiền thưởng',
  'tiền thưởng bao nhiêu': 'tiền thưởng',
  'ai ký': 'thẩm quyền quyết định',
  'ai quyết định': 'thẩm quyền quyết định',
  'cấp nào quyết định': 'thẩm quyền quyết định',
  'do ai': 'thẩm quyền',
  'công chức viên chức': 'cán bộ công chức viên chức',
  // "về" is a function word, so "về hưu" would leave "hưu" alone; passages say "nghỉ hưu".
  'về hưu': 'nghỉ hưu',
  'nghỉ sinh': 'nghỉ thai sản',
  'nghỉ đẻ': 'nghỉ thai sản',
  // what most units call the year-end vote on titles
  'bình bầu': 'bình xét',
  // classes of orders written as numbers ("Huân chương Lao động hạng 3", "hạng III")
  'hạng 1': 'hạng nhất',
  'hạng 2': 'hạng nhì',
  'hạng 3': 'hạng ba',
  'hạng I': 'hạng nhất',
  'hạng II': 'hạng nhì',
  'hạng III': 'hạng ba',
};

/** English phrase → Vietnamese phrase, applied to questions detected as English. Longest key wins. */
export const EN_VI: Record<string, string> = {
  'government emulation flag': 'cờ thi đua của chính phủ',
  "government's emulation flag": 'cờ thi đua của chính phủ',
  'emulation flag of the government': 'cờ thi đua của chính phủ',
  'ministry emulation flag': 'cờ thi đua của bộ',
  'ministry flag': 'cờ thi đua của bộ',
  "ministry's flag": 'cờ thi đua của bộ',
  'flag of the ministry': 'cờ thi đua của bộ',
  'government flag': 'cờ thi đua của chính phủ',
  "government's flag": 'cờ thi đua của chính phủ',
  'flag of the government': 'cờ thi đua của chính phủ',
  'ministerial emulation flag': 'cờ thi đua của bộ',
  'emulation flag of the ministry': 'cờ thi đua của bộ',
  'emulation flag': 'cờ thi đua',
  flag: 'cờ thi đua',
  'prime minister': 'thủ tướng chính phủ',
  "prime minister's certificate of merit": 'bằng khen của thủ tướng chính phủ',
  'certificate of merit': 'bằng khen',
  'ministry certificate of merit': 'bằng khen của bộ trưởng',
  "minister's certificate of merit": 'bằng khen của bộ trưởng',
  'certificate of merit of the minister': 'bằng khen của bộ trưởng',
  'certificate of merit of the ministry': 'bằng khen của bộ trưởng',
  'excellent work': 'hoàn thành xuất sắc nhiệm vụ',
  'excellently': 'xuất sắc',
  excellent: 'xuất sắc',
  receive: 'được tặng',
  received: 'được tặng',
  granted: 'được tặng',
  awarded: 'được tặng',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  twice: '2 lần',
  times: 'lần',
  'merit certificate': 'bằng khen',
  'diploma of merit': 'bằng khen',
  'merit diploma': 'bằng khen',
  "prime minister's diploma of merit": 'bằng khen của thủ tướng chính phủ',
  // Orders, medals and honorary titles as legal translations name them.
  'gold star order': 'huân chương sao vàng',
  'ho chi minh order': 'huân chương hồ chí minh',
  'independence order': 'huân chương độc lập',
  'military exploit order': 'huân chương quân công',
  'feat of arms order': 'huân chương chiến công',
  'fatherland defence order': 'huân chương bảo vệ tổ quốc',
  'fatherland protection order': 'huân chương bảo vệ tổ quốc',
  'bravery order': 'huân chương dũng cảm',
  'order of bravery': 'huân chương dũng cảm',
  'great national unity order': 'huân chương đại đoàn kết dân tộc',
  'friendship order': 'huân chương hữu nghị',
  'friendship medal': 'huy chương hữu nghị',
  'hero of labour': 'anh hùng lao động',
  'labour hero': 'anh hùng lao động',
  "hero of the people's armed forces": 'anh hùng lực lượng vũ trang',
  'heroic mother': 'bà mẹ việt nam anh hùng',
  'heroic vietnamese mother': 'bà mẹ việt nam anh hùng',
  "people's teacher": 'nhà giáo nhân dân',
  'meritorious teacher': 'nhà giáo ưu tú',
  "people's doctor": 'thầy thuốc nhân dân',
  "people's physician": 'thầy thuốc nhân dân',
  'meritorious doctor': 'thầy thuốc ưu tú',
  'meritorious physician': 'thầy thuốc ưu tú',
  "people's artist": 'nghệ sĩ nhân dân',
  'meritorious artist': 'nghệ sĩ ưu tú',
  "people's artisan": 'nghệ nhân nhân dân',
  'meritorious artisan': 'nghệ nhân ưu tú',
  'ho chi minh prize': 'giải thưởng hồ chí minh',
  'state prize': 'giải thưởng nhà nước',
  foreigner: 'người nước ngoài',
  commended: 'khen thưởng',
  commend: 'khen thưởng',
  revoke: 'hủy bỏ',
  revoked: 'hủy bỏ',
  revocation: 'hủy bỏ',
  annul: 'hủy bỏ',
  annulled: 'hủy bỏ',
  cancel: 'hủy bỏ',
  cancelled: 'hủy bỏ',
  canceled: 'hủy bỏ',
  'emulation and commendation fund': 'quỹ thi đua khen thưởng',
  'emulation and reward fund': 'quỹ thi đua khen thưởng',
  'commendation fund': 'quỹ thi đua khen thưởng',
  fund: 'quỹ',
  'emulation movement': 'phong trào thi đua',
  'organisation of emulation': 'tổ chức thi đua',
  'organising emulation': 'tổ chức thi đua',
  'organise emulation': 'tổ chức thi đua',
  'form of organisation': 'hình thức tổ chức',
  dedication: 'cống hiến',
  devotion: 'cống hiến',
  'labour order': 'huân chương lao động',
  'order of labour': 'huân chương lao động',
  posthumous: 'truy tặng',
  posthumously: 'truy tặng',
  'resistance war': 'kháng chiến',
  resistance: 'kháng chiến',
  retired: 'nghỉ hưu',
  retiree: 'nghỉ hưu',
  retirement: 'nghỉ hưu',
  'contract worker': 'người lao động hợp đồng',
  'contract employee': 'người lao động hợp đồng',
  'contract staff': 'người lao động hợp đồng',
  disciplined: 'kỷ luật',
  discipline: 'kỷ luật',
  'funding source': 'nguồn kinh phí',
  'source of funding': 'nguồn kinh phí',
  funding: 'kinh phí',
  household: 'hộ gia đình',
  'cultured family': 'gia đình văn hóa',
  'cultural family': 'gia đình văn hóa',
  'certificate of commendation': 'giấy khen',
  'commendation certificate': 'giấy khen',
  'certificate of praise': 'giấy khen',
  'national emulation fighter': 'chiến sĩ thi đua toàn quốc',
  'emulation fighter': 'chiến sĩ thi đua',
  'emulation soldier': 'chiến sĩ thi đua',
  'emulation warrior': 'chiến sĩ thi đua',
  'grassroots level': 'cơ sở',
  grassroots: 'cơ sở',
  'grass roots': 'cơ sở',
  'base level': 'cơ sở',
  'advanced soldier': 'chiến sĩ tiên tiến',
  'advanced worker': 'lao động tiên tiến',
  'advanced labor': 'lao động tiên tiến',
  'advanced labour': 'lao động tiên tiến',
  'excellent labor collective': 'tập thể lao động xuất sắc',
  'excellent labour collective': 'tập thể lao động xuất sắc',
  'excellent collective': 'tập thể lao động xuất sắc',
  'advanced labor collective': 'tập thể lao động tiên tiến',
  'advanced labour collective': 'tập thể lao động tiên tiến',
  'advanced collective': 'tập thể lao động tiên tiến',
  'commemorative medal': 'kỷ niệm chương',
  'for the cause of justice': 'vì sự nghiệp tư pháp',
  'forms of commendation': 'hình thức khen thưởng',
  'form of commendation': 'hình thức khen thưởng',
  'emulation titles': 'danh hiệu thi đua',
  'emulation title': 'danh hiệu thi đua',
  'reward money': 'tiền thưởng',
  'reward for': 'tiền thưởng',
  'how much reward': 'tiền thưởng',
  'prize money': 'tiền thưởng',
  'cash reward': 'tiền thưởng',
  'award money': 'tiền thưởng',
  'how much money': 'tiền thưởng',
  'base salary': 'lương cơ sở',
  'newly recruited': 'mới tuyển dụng',
  'new employee': 'mới tuyển dụng',
  'new hire': 'mới tuyển dụng',
  'maternity leave': 'nghỉ thai sản',
  'traditional day': 'ngày truyền thống',
  'who decides': 'thẩm quyền quyết định',
  'who signs': 'thẩm quyền quyết định',
  'who approves': 'thẩm quyền quyết định',
  'legal personality': 'tư cách pháp nhân',
  'legal entity': 'tư cách pháp nhân',
  'completed tasks well': 'hoàn thành tốt nhiệm vụ',
  'excellently completed': 'hoàn thành xuất sắc nhiệm vụ',
  'excellent completion': 'hoàn thành xuất sắc nhiệm vụ',
  government: 'chính phủ',
  criteria: 'tiêu chuẩn',
  criterion: 'tiêu chuẩn',
  standards: 'tiêu chuẩn',
  standard: 'tiêu chuẩn',
  requirements: 'điều kiện',
  requirement: 'điều kiện',
  conditions: 'điều kiện',
  eligible: 'điều kiện',
  eligibility: 'điều kiện',
  qualify: 'điều kiện',
  initiative: 'sáng kiến',
  initiatives: 'sáng kiến',
  medal: 'kỷ niệm chương',
  justice: 'tư pháp',
  bonus: 'tiền thưởng',
  money: 'tiền thưởng',
  dossier: 'hồ sơ',
  dossiers: 'hồ sơ',
  paperwork: 'hồ sơ',
  documents: 'hồ sơ',
  // "Provincial Authority" names a body; asking who may decide says "authority to".
  'authority to': 'thẩm quyền',
  'competent authority': 'thẩm quyền',
  competent: 'thẩm quyền',
  decide: 'quyết định',
  decides: 'quyết định',
  register: 'đăng ký',
  registration: 'đăng ký',
  'sign up': 'đăng ký',
  'signing up': 'đăng ký',
  'signed up': 'đăng ký',
  // awards taken back, lost or re-issued
  'taken back': 'thu hồi',
  'take back': 'thu hồi',
  withdrawn: 'thu hồi',
  withdraw: 'thu hồi',
  reissue: 'cấp lại',
  reissued: 'cấp lại',
  're-issue': 'cấp lại',
  replacement: 'cấp lại',
  // time away from work
  'sick leave': 'nghỉ ốm',
  'long illness': 'nghỉ ốm dài ngày',
  illness: 'nghỉ ốm',
  pledge: 'giao ước',
  title: 'danh hiệu',
  titles: 'danh hiệu',
  emulation: 'thi đua',
  commendation: 'khen thưởng',
  award: 'khen thưởng',
  awards: 'khen thưởng',
  reward: 'khen thưởng',
  law: 'luật',
  decree: 'nghị định',
  circular: 'thông tư',
  cluster: 'cụm thi đua',
  clusters: 'cụm thi đua',
  block: 'khối thi đua',
  collective: 'tập thể',
  collectives: 'tập thể',
  individual: 'cá nhân',
  individuals: 'cá nhân',
  percentage: 'tỷ lệ',
  percent: 'tỷ lệ',
  quota: 'tỷ lệ',
  ratio: 'tỷ lệ',
  minister: 'bộ trưởng',
  ministry: 'bộ',
  consecutive: 'liên tục',
  years: 'năm',
  year: 'năm',
  months: 'tháng',
  month: 'tháng',
  tasks: 'nhiệm vụ',
  task: 'nhiệm vụ',
  deadline: 'thời hạn',
  definition: 'khái niệm',
  vote: 'bỏ phiếu',
  voting: 'bỏ phiếu',
  national: 'toàn quốc',
  nationwide: 'toàn quốc',
  thematic: 'chuyên đề',
  regular: 'thường xuyên',
  principles: 'nguyên tắc',
  principle: 'nguyên tắc',
  superseded: 'hết hiệu lực',
  'in force': 'hiệu lực',
  'still apply': 'còn áp dụng',
  'still valid': 'còn hiệu lực',
  valid: 'hiệu lực',
  effective: 'hiệu lực',
  cap: 'tỷ lệ',
  limit: 'giới hạn',
  maximum: 'tối đa',
  mandatory: 'bắt buộc',
  required: 'bắt buộc',
  compulsory: 'bắt buộc',
  old: 'cũ',
};

/** Folded Vietnamese words that carry no meaning for retrieval (kept conservative: folding makes many syllables ambiguous). */
export const STOP_VI = new Set(
  (
    'la cua va cac nhung mot nao gi khong duoc nay hay minh em oi a nhe vay sao ma khi se rat roi nhu o voi cho den trong theo do ay u ah '
    + 'xin giup k ko kg may gom'
  ).split(' '),
);

/**
 * Function words that are words of the domain once their diacritics are read: "hỏi" (ask) but "hội đồng", "thu hồi";
 * "nhỉ" but "hạng Nhì"; "về" but "vẻ vang"; "phải" but "biệt phái"; "bởi" but "bồi thường"; "tôi" but "tối đa".
 * Typed without diacritics they are dropped as function words; typed with them, only in the toned form of STOP_TONED.
 */
export const STOP_ASCII = new Set('hoi nhi ve phai boi toi cung bi ha neu cam on'.split(' '));

/** Phrases of the domain in which a word of STOP_ASCII, typed without diacritics, is not a function word ("thu hoi"). */
export const KEEP_PHRASES = ['hội đồng', 'thu hồi', 'phục hồi', 'hạng nhì', 'vẻ vang', 'biệt phái', 'bồi thường'];

/**
 * Function words recognisable only with their diacritics ("cần" but not "cán", "có" but not "cờ"): removed
 * before folding. Text typed without diacritics keeps them, which only costs a little precision.
 */
export const STOP_TONED = new Set(
  'cần muốn phải thì những các được có không là của và gì nào này mấy hãy xin với về đã sẽ bị mà nếu khi vậy ạ nhé ơi tôi chúng mình bạn chứ hỏi nhỉ bởi cũng hả cảm ơn'.split(
    ' ',
  ),
);

/** Question phrases that say nothing about the topic (only those that stay unambiguous once folded). */
export const STOP_PHRASES_VI = ['bao nhiêu', 'bao lâu', 'số mấy', 'như thế nào', 'là gì', 'hay không', 'khi nào', 'bao giờ', 'tại sao', 'vì sao', 'ở đâu', 'những gì', 'được không', 'có phải', 'ra sao'];

/**
 * Names of other ministries and sectors: the Law is the same for every sector, so "ngành Văn hóa, Thể thao và Du
 * lịch" in a question (or in a passage's example) says nothing about which rule answers it. Removed from questions
 * and passages alike (with and without "và", which is a function word when typed with its diacritics).
 */
export const OTHER_SECTORS_VI = [
  'văn hóa thể thao và du lịch', 'lao động thương binh và xã hội', 'giáo dục và đào tạo', 'tài nguyên và môi trường',
  'nông nghiệp và phát triển nông thôn', 'nông nghiệp và môi trường', 'kế hoạch và đầu tư', 'giao thông vận tải',
];

/** English function words (only applied to text known to be English). */
export const STOP_EN = new Set(
  (
    'a an the of for to is are was were be been being what which who whom whose how why when where do does did can could should would will shall may might must '
    + 'in on at by with and or not no yes i me my we our you your it its this that these those there here get gets got many much any some need needed needs '
    + 'about from as if than then so into per please tell explain under over also just there s come go goe give given '
    // Words of the asking, not of the topic: "What are the latest regulations on … in Vietnam?"
    + 'regulation regulate regulated provision provide provided rule latest general vietnam vietnamese according kindly request following question ask'
  ).split(' '),
);

/** i/y spelling variants after a consonant: "sỹ"/"sĩ", "kỷ"/"kỉ", "tỷ"/"tỉ", "lý"/"lí" are one word. */
const IY = /^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|nh|p|ph|r|s|t|th|tr|v|x)y$/;

/** Folded, spelling-normalised words of a text (the unit every index and query is built from): "sỹ" → "si", "02" → "2". */
export function normWords(text: string): string[] {
  const out = words(text);
  for (let i = 0; i < out.length; i++) {
    const w = out[i];
    if (IY.test(w)) out[i] = w.slice(0, -1) + 'i';
    else if (w.length > 1 && w.charCodeAt(0) === 48 && /^\d+$/.test(w)) out[i] = w.replace(/^0+(?=\d)/, '');
  }
  return out;
}

/** A phrase table compiled for longest-match replacement over token sequences. */
export class PhraseTable {
  private byFirst = new Map<string, { keys: string[]; exp: string[] }[]>();

  constructor(table: Record<string, string>) {
    for (const [k, v] of Object.entries(table)) this.add(k, v);
  }

  /** Makes the phrase disappear wherever it occurs. */
  remove(phrase: string): void {
    this.insert(normWords(phrase), []);
  }

  add(phrase: string, expansion: string): void {
    const exp = normWords(expansion);
    if (exp.length > 0) this.insert(normWords(phrase), exp);
  }

  private insert(keys: string[], exp: string[]): void {
    if (keys.length === 0) return;
    if (keys.length === exp.length && keys.every((w, i) => w === exp[i])) return;
    const list = this.byFirst.get(keys[0]) ?? [];
    if (list.some((e) => e.keys.join(' ') === keys.join(' '))) return;
    list.push({ keys, exp });
    list.sort((a, b) => b.keys.length - a.keys.length);
    this.byFirst.set(keys[0], list);
  }

  /** The longest phrase starting at `tokens[i]`, if any. */
  matchAt(tokens: readonly string[], i: number): { keys: string[]; exp: string[] } | undefined {
    const cands = this.byFirst.get(tokens[i]);
    if (!cands) return undefined;
    outer: for (const c of cands) {
      if (i + c.keys.length > tokens.length) continue;
      for (let j = 1; j < c.keys.length; j++) if (tokens[i + j] !== c.keys[j]) continue outer;
      return c;
    }
    return undefined;
  }

  /** Replaces every (longest) occurrence of a phrase by its expansion. */
  apply(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.matchAt(tokens, i);
      if (hit) {
        out.push(...hit.exp);
        i += hit.keys.length;
      } else out.push(tokens[i++]);
    }
    return out;
  }
}

/**
 * Concepts a question can name (titles and forms of commendation). Two questions about different
 * concepts are never the same question, however similar their wording (used by curated matching).
 */
const CONCEPTS: [string, string][] = [
  ['chiến sĩ thi đua cơ sở', 'cstdcs'],
  ['chiến sĩ thi đua toàn quốc', 'cstdtq'],
  ['chiến sĩ thi đua cấp bộ', 'cstd-bo'],
  ['chiến sĩ thi đua bộ', 'cstd-bo'],
  ['chiến sĩ thi đua ngành', 'cstd-bo'],
  ['chiến sĩ thi đua tỉnh', 'cstd-bo'],
  ['chiến sĩ thi đua cấp tỉnh', 'cstd-bo'],
  ['chiến sĩ thi đua', 'cstd'],
  ['chiến sĩ tiên tiến', 'ldtt'],
  ['tập thể lao động xuất sắc', 'ttldxs'],
  ['tập thể lao động tiên tiến', 'ttldtt'],
  ['lao động tiên tiến', 'ldtt'],
  ['cờ thi đua của chính phủ', 'co-cp'],
  ['cờ thi đua chính phủ', 'co-cp'],
  ['cờ thi đua của bộ', 'co-bo'],
  ['cờ thi đua bộ', 'co-bo'],
  ['cờ thi đua ngành', 'co-bo'],
  // a province's flag is the same title as a ministry's (Điều 26)
  ['cờ thi đua cấp bộ', 'co-bo'],
  ['cờ thi đua cấp ngành', 'co-bo'],
  ['cờ thi đua cấp tỉnh', 'co-bo'],
  ['cờ thi đua tỉnh', 'co-bo'],
  ['cờ thi đua của tỉnh', 'co-bo'],
  ['cờ thi đua của ủy ban nhân dân tỉnh', 'co-bo'],
  ['cờ thi đua ủy ban nhân dân tỉnh', 'co-bo'],
  ['cờ thi đua', 'co'],
  ['bằng khen của thủ tướng chính phủ', 'bk-ttg'],
  ['bằng khen thủ tướng', 'bk-ttg'],
  // A province's certificate is the same form as a ministry's (Điều 74): officers elsewhere call it by the province.
  ['bằng khen của chủ tịch ủy ban nhân dân tỉnh', 'bk-bo'],
  ['bằng khen chủ tịch ủy ban nhân dân tỉnh', 'bk-bo'],
  ['bằng khen ủy ban nhân dân tỉnh', 'bk-bo'],
  ['bằng khen của ủy ban nhân dân tỉnh', 'bk-bo'],
  ['bằng khen cấp tỉnh', 'bk-bo'],
  ['bằng khen tỉnh', 'bk-bo'],
  ['bằng khen cấp bộ', 'bk-bo'],
  ['bằng khen của bộ', 'bk-bo'],
  ['bằng khen bộ', 'bk-bo'],
  ['bằng khen', 'bk'],
  ['giấy khen', 'gk'],
  ['kỷ niệm chương vì sự nghiệp tư pháp', 'knc-tu-phap'],
  ['kỷ niệm chương vì sự nghiệp thi đua khen thưởng', 'knc-tdkt'],
  ['kỷ niệm chương', 'knc'],
  // Orders, medals, State honorary titles and prizes (Chương III of the Law): the names questions use.
  ['huân chương sao vàng', 'hc-sao-vang'],
  ['huân chương hồ chí minh', 'hc-hcm'],
  ['huân chương độc lập', 'hc-doc-lap'],
  ['huân chương quân công', 'hc-quan-cong'],
  ['huân chương lao động', 'hc-lao-dong'],
  ['huân chương bảo vệ tổ quốc', 'hc-bvtq'],
  ['huân chương chiến công', 'hc-chien-cong'],
  ['huân chương dũng cảm', 'hc-dung-cam'],
  ['huân chương đại đoàn kết dân tộc', 'hc-ddk'],
  ['huân chương hữu nghị', 'hc-huu-nghi'],
  ['huân chương', 'hc'],
  ['huy chương quân kỳ quyết thắng', 'huy-qkqt'],
  ['huy chương vì an ninh tổ quốc', 'huy-antq'],
  ['huy chương chiến sĩ vẻ vang', 'huy-csvv'],
  ['huy chương hữu nghị', 'huy-huu-nghi'],
  ['huy chương', 'huy'],
  ['bà mẹ việt nam anh hùng', 'bmvnah'],
  ['anh hùng lực lượng vũ trang', 'ah-llvt'],
  ['anh hùng lao động', 'ah-ld'],
  ['nhà giáo nhân dân', 'nha-giao'],
  ['nhà giáo ưu tú', 'nha-giao'],
  ['thầy thuốc nhân dân', 'thay-thuoc'],
  ['thầy thuốc ưu tú', 'thay-thuoc'],
  ['nghệ sĩ nhân dân', 'nghe-si'],
  ['nghệ sĩ ưu tú', 'nghe-si'],
  ['nghệ nhân nhân dân', 'nghe-nhan'],
  ['nghệ nhân ưu tú', 'nghe-nhan'],
  ['giải thưởng hồ chí minh', 'giai-thuong'],
  ['giải thưởng nhà nước', 'giai-thuong'],
  ['gia đình văn hóa', 'gd-van-hoa'],
  ['thôn văn hóa', 'thon-van-hoa'],
  ['tổ dân phố văn hóa', 'thon-van-hoa'],
];
/** The title and form phrases of CONCEPTS (each names an emulation-and-commendation concept). */
export const CONCEPT_PHRASES: readonly string[] = CONCEPTS.map(([phrase]) => phrase);

/**
 * The core vocabulary of emulation and commendation work, beyond the titles and forms of CONCEPTS: a question
 * using none of these words, no concept, no quoted name of a passage title and no known document number is
 * about another domain (salaries, personnel, civil status…), however many of its words the passages share.
 */
export const DOMAIN_WORDS: readonly string[] = [
  'thi đua', 'khen thưởng', 'khen', 'tiền thưởng', 'danh hiệu', 'hình thức khen thưởng',
  'huân chương', 'huy chương', 'huy hiệu', 'kỷ niệm chương', 'bằng khen', 'giấy khen', 'cờ thi đua', 'anh hùng',
  'sáng kiến', 'giao ước', 'suy tôn', 'bình xét', 'xét tặng', 'đề nghị tặng', 'phong trào', 'tôn vinh', 'biểu dương',
  'thành tích', 'vinh dự', 'sơ kết', 'tổng kết',
  // Awarding a person who has died; working out the reward money.
  'truy tặng', 'tính thưởng',
  // The verbs of the work: titles are "xét" (considered) and "công nhận" (recognised); voting on them.
  'xét', 'công nhận', 'bỏ phiếu', 'phiếu bầu',
  // Emulation clusters and blocks ("cụm III", "cụm, khối").
  'cụm', 'khối thi đua',
  // The occasion on which the Ministry's commemorative medal is awarded (TT 14/2025).
  'ngày truyền thống',
  // The simplified procedure of Điều 85, named without "khen thưởng".
  'thủ tục đơn giản',
  // The dossier of a proposal (Điều 84): its name and its papers.
  'hồ sơ đề nghị', 'tờ trình', 'báo cáo thành tích', 'biên bản bình xét', 'biên bản xét',
  // The title of communes and wards (Điều 29), however the commune is called.
  'xã tiêu biểu', 'phường tiêu biểu', 'thị trấn tiêu biểu', 'đặc khu tiêu biểu',
  // Counting the consecutive years a higher award needs.
  'năm liên tục', 'chuỗi năm',
  // The wartime award to families ("Bảng Gia đình vẻ vang"), asked about when it is lost.
  'gia đình vẻ vang',
];

const conceptTable = new PhraseTable({});
const conceptIds = new Map<string, string>();
for (const [phrase, id] of CONCEPTS) {
  const marker = `concept${id.replace(/-/g, '')}`;
  conceptIds.set(marker, id);
  conceptTable.add(phrase, marker);
}

const PARENT: Record<string, string> = {
  cstdcs: 'cstd',
  cstdtq: 'cstd',
  'cstd-bo': 'cstd',
  'co-cp': 'co',
  'co-bo': 'co',
  'bk-ttg': 'bk',
  'bk-bo': 'bk',
  'knc-tu-phap': 'knc',
  'knc-tdkt': 'knc',
  ...Object.fromEntries(CONCEPTS.filter(([, id]) => id.startsWith('hc-')).map(([, id]) => [id, 'hc'])),
  ...Object.fromEntries(CONCEPTS.filter(([, id]) => id.startsWith('huy-')).map(([, id]) => [id, 'huy'])),
};

/** Same concept, or one is the generic form of the other ("cờ thi đua" and "cờ thi đua của Bộ"). */
export function relatedConcepts(a: string, b: string): boolean {
  return a === b || PARENT[a] === b || PARENT[b] === a;
}

/** Concept ids named in an (already abbreviation-expanded) token sequence, plus the numbers it contains ("#15"). */
export function conceptsOf(tokens: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of conceptTable.apply(tokens)) {
    const c = conceptIds.get(t);
    if (c) out.add(c);
    else if (/^\d+$/.test(t)) out.add(`#${Number(t)}`);
  }
  return out;
}
