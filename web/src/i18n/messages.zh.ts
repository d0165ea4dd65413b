import { casesZh } from './cases.zh';
import { portalZh } from './portal.zh';
import { trustZh } from './trust.zh';
import type { deskZh } from './desk-messages.zh';

/**
 * Chinese messages, the platform's first language. Keys are flat and dotted by area;
 * `{name}` marks a parameter. messages.en.ts must have exactly the same keys; the
 * areas' messages are spread in from portal/cases/trust.zh.ts; the signed-in desks' are in
 * desk-messages.zh.ts, loaded with their pages.
 */
export const zh = {
  'app.name': '一次办 OneTrip',
  'app.tagline': '最多跑一次，让数据多跑路',
  'app.loading': '加载中…',
  'app.retry': '重试',
  'app.skipToContent': '跳到主要内容',

  'lang.switchTo': 'English',
  'lang.switchHint': '切换到英文界面',

  'nav.label': '主导航',
  'nav.openMenu': '打开菜单',
  'nav.menu': '菜单',
  'nav.home': '首页',

  'account.logout': '退出登录',
  'account.signIn': '登录',
  'account.logoutFailed': '退出登录失败，请重试',

  'role.person': '个人用户',
  'role.company': '企业用户',
  'role.clerk': '综合窗口受理员',
  'role.reviewer': '审批人员',
  'role.lead': '部门负责人',
  'role.supervisor': '效能监察员',
  'role.admin': '系统管理员',
  'role.judge': '法官',
  'role.mediator': '调解员',
  'role.grid-worker': '网格员',
  'role.verifier': '核验人员',

  'group.portal': '办事大厅',
  'group.window': '综合窗口',
  'group.review': '部门审批',
  'group.lead': '部门负责人',
  'group.supervision': '效能监察',
  'group.admin': '系统管理',
  'group.court': '互联网法院',
  'group.grid': '基层治理',
  'group.verify': '核验',

  'area.find': '找事项',
  'area.find.desc': '按名称或部门查找办事指南',
  'area.bundles': '一件事',
  'area.bundles.desc': '一次申请，多个部门联办',
  'area.applications': '我的办件',
  'area.applications.desc': '查看进度、补正和办理结果',
  'area.inbox': '消息',
  'area.inbox.desc': '办件通知与一次性告知',
  'area.wallet': '我的证照',
  'area.wallet.desc': '电子证照，随时亮证',
  'area.dataAccess': '我的数据使用记录',
  'area.dataAccess.desc': '哪个部门因何查看了我的数据',
  'area.enterpriseStartup': '企业开办',
  'area.enterpriseStartup.desc': '营业执照、刻章、银行开户、发票一次办',
  'area.intake': '窗口受理',
  'area.intake.desc': '无差别全科受理，代办任一部门事项',
  'area.handOver': '统一出件',
  'area.handOver.desc': '办结结果在一个窗口统一发放',
  'area.tasks': '待办',
  'area.tasks.desc': '本部门等待审批的任务',
  'area.followUps': '督办与回访',
  'area.followUps.desc': '超期督办、差评回访整改、容缺承诺，逐件办结',
  'area.dashboards': '效能看板',
  'area.dashboards.desc': '办理时效、提速率与好差评',
  'area.warnings': '超期预警',
  'area.warnings.desc': '即将超期和已经超期的办件',
  'area.points': '窗口积分',
  'area.points.desc': '受理员等级、月度积分与排名',
  'area.interDepartment': '部门间办事',
  'area.interDepartment.desc': '部门之间的事项、首问负责与月度公开报告',
  'area.users': '用户',
  'area.users.desc': '工作人员账号、角色与部门',
  'area.catalog': '事项目录',
  'area.catalog.desc': '部门、事项与一件事的配置',
  'area.ledger': '账本',
  'area.ledger.desc': '防篡改日志、检查点与证明',
  'area.cases': '案件',
  'area.cases.desc': '立案、举证、庭审与送达',
  'area.mediation': '调解',
  'area.mediation.desc': '诉前与诉中在线调解',
  'area.gridEvents': '网格事件',
  'area.gridEvents.desc': '上报、派单与按期办结',
  'area.verify': '扫码核验',
  'area.verify.desc': '扫描电子证照二维码并核验',
  'area.credentials': '电子证照管理',
  'area.credentials.desc': '按受理编号查找本部门签发的证照，暂停、恢复或撤销',

  'home.citizen.title': '办事大厅',
  'home.citizen.intro': '在线申请，最多跑一次；能共享的数据，不再让您提交。',
  'home.clerk.title': '综合受理窗口',
  'home.clerk.intro': '前台综合受理、后台分类审批：在一个窗口受理所有部门的事项。',
  'home.reviewer.title': '部门审批工作台',
  'home.reviewer.intro': '处理本部门的审批任务，在承诺时限内办结。',
  'home.lead.title': '部门负责人工作台',
  'home.lead.intro': '超期任务、差评回访和未兑现的容缺承诺都落到人，按期办结并告知申请人。',
  'home.supervisor.title': '效能监察',
  'home.supervisor.intro': '按法定和承诺时限监督办理效能，及时预警超期办件。',
  'home.admin.title': '系统管理',
  'home.admin.intro': '管理账号、事项目录和防篡改账本。',
  'home.court.title': '互联网法院',
  'home.court.intro': '在线立案、调解与异步审理。',
  'home.grid.title': '网格工作台',
  'home.grid.intro': '处理网格内上报的事件，按期办结。',
  'home.verifier.title': '核验工作台',
  'home.verifier.intro': '扫描持证人出示的二维码，核验电子证照的真伪。',
  'home.staff.title': '工作台',
  'home.staff.intro': '您的账号尚未分配岗位角色，请联系系统管理员。',
  'home.greeting': '您好，{name}',
  'home.fieldLabel': '{label}：',
  'home.role': '身份',
  'home.department': '所属部门',
  'home.idNumber': '身份证号',
  'home.representativeIdNumber': '法定代表人身份证号',
  'home.organization': '企业名称',
  'home.creditCode': '统一社会信用代码',
  'home.shortcuts': '常用功能',

  'comingSoon.title': '此功能正在建设中',
  'comingSoon.subtitle': '“{area}”将在后续版本中提供。',
  'page.backHome': '返回首页',
  'forbidden.title': '当前账号无权访问此页面',
  'forbidden.subtitle': '请使用有相应权限的账号登录。',
  'notFound.title': '页面不存在',
  'notFound.subtitle': '您访问的地址不存在，请检查链接。',
  'error.title': '出错了',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.totpTitle': '两步验证',
  'login.totpHint': '工作人员账号需要动态验证码：请打开身份验证器，输入当前的 6 位数字。',
  'login.totp': '动态验证码',
  'login.totpRequired': '请输入 6 位数字验证码',
  'login.totpSubmit': '验证并登录',
  'login.back': '返回修改账号',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unexpected': '服务器返回了无法识别的响应（{status}），请稍后重试',
  'error.sessionCheck': '无法确认登录状态',

  // The areas' messages live in their own files so none grows past a screenful of review.
  ...portalZh,
  ...casesZh,
  ...trustZh,
} satisfies Record<string, string>;

/** The keys of the messages every page may show (in the entry). */
export type PublicMessageKey = keyof typeof zh;

/** Every message key; the `t` function accepts only these. */
export type MessageKey = PublicMessageKey | keyof typeof deskZh;

/** A complete dictionary of the public messages: one string per key, no more, no fewer. */
export type Messages = Record<PublicMessageKey, string>;
