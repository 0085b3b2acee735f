/**
 * Traditional → Simplified Chinese for the ~250 characters that matter most in support messages
 * (訂單 → 订单, 退貨 → 退货, 發票 → 发票 …). The intent model and the rules are written in
 * Simplified Chinese; customers in Hong Kong and Taiwan write Traditional. A full converter
 * would be larger than the model; these cover the vocabulary the classifier keys on.
 */
const TRADITIONAL =
  '訂單貨運費發換錢號碼謝關於這個們會員帳賬戶開問題還沒說請給買賣價優團購電話郵簡網頁應軟體憶裝備連線無藍損壞質產顏達時間週點鐘處煩態經訴滿歡讚評車結銀轉餘積註冊錄綁驗訊聯繫絡傳臉書寶貝務實際兩來後對為與過讓從見親愛歲當選擇樣條門顯錯誤誠認識確導準據計劃記閱續約預紀統數庫櫃櫥廳廚燈熱氣風機鍵盤螢觸聲響筆腦縮檔資圖視頻課學習證師館飯雞魚醫藥護膚衛壓擊驚極爛騙憤緊馬盡儘須該夠讀寫聽隊職業區縣鄉鎮場廣東華灣臺僅雙濕髒舊鬆長寬輕貴賺賠償補遞簽驛倉揀緣裡裏麼嗎囉綫鋪舖攤衝齊組織絲綠紅黃襪褲帶錶鏡戲劇';
const SIMPLIFIED =
  '订单货运费发换钱号码谢关于这个们会员账账户开问题还没说请给买卖价优团购电话邮简网页应软体忆装备连线无蓝损坏质产颜达时间周点钟处烦态经诉满欢赞评车结银转余积注册录绑验讯联系络传脸书宝贝务实际两来后对为与过让从见亲爱岁当选择样条门显错误诚认识确导准据计划记阅续约预纪统数库柜橱厅厨灯热气风机键盘萤触声响笔脑缩档资图视频课学习证师馆饭鸡鱼医药护肤卫压击惊极烂骗愤紧马尽尽须该够读写听队职业区县乡镇场广东华湾台仅双湿脏旧松长宽轻贵赚赔偿补递签驿仓拣缘里里么吗啰线铺铺摊冲齐组织丝绿红黄袜裤带表镜戏剧';

const MAP = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) MAP.set(TRADITIONAL[i] ?? '', SIMPLIFIED[i] ?? '');

/** The two alphabets above, for the script detector (script.ts). */
export const TRADITIONAL_CHARS = [...TRADITIONAL];
export const SIMPLIFIED_CHARS = [...SIMPLIFIED];

const ANY = new RegExp(`[${TRADITIONAL}]`, 'g');

export function toSimplified(text: string): string {
  return text.replace(ANY, (ch) => MAP.get(ch) ?? ch);
}
