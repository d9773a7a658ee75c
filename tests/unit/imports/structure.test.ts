import { describe, expect, it } from 'vitest'
import { yearOfDateLine } from '../../../server/src/features/imports/identity'
import { readStructure } from '../../../server/src/features/imports/structure'

// Every report below is invented to show one kind of phrasing; none is taken from a real report.
const read = (...lines: string[]) => readStructure(lines.join('\n'))
const problemTexts = (...lines: string[]) => read(...lines).problems.map((p) => p.text)
const sectionsOf = (...lines: string[]) => read(...lines).sections
const none = { measures: false, shortcomings: false, dutyPerformance: false, nextYearPlan: false, other: false }
const body = '本局围绕中心工作推进依法行政，完成了年度任务。'

describe('year', () => {
  it('reads the year of the title, not of a plan period quoted in the opening', () => {
    const s = read('青禾县水利局2022年度法治政府建设情况报告', '根据《规划（2021—2025年）》，现将有关情况报告如下：')
    expect(s.year).toBe(2022)
  })

  it('reads a title with a space between the bureau and the year', () => {
    const s = read('青禾县农业农村局 2021年度法治政府建设工作报告', '', body)
    expect(s).toMatchObject({ year: 2021, bureau: '青禾县农业农村局' })
  })

  it('reads the title below an official document head with its number and signer', () => {
    const s = read('青禾县水利局文件', '青水〔2024〕3号', '签发人：李某', '青禾县水利局关于2023年度法治政府建设情况的报告', '', '今年以来，我局依法履职。')
    expect(s).toMatchObject({ year: 2023, bureau: '青禾县水利局' })
  })

  it('reads a year written in full-width digits', () => {
    const s = read('青禾县文化广电和旅游局２０２２年度法治政府建设情况报告', '', body)
    expect(s).toMatchObject({ year: 2022, bureau: '青禾县文化广电和旅游局' })
    expect(read('法治政府建设情况报告', '现将我局２０１９年度法治政府建设情况报告如下：').year).toBe(2019)
  })

  it('reads "20XX年度" in the opening when the title has no year', () => {
    expect(read('法治政府建设情况报告', '现将我局2020年度法治政府建设情况报告如下：').year).toBe(2020)
  })

  it('skips a "since" year when the opening states the year itself', () => {
    expect(read('法治政府建设情况报告', '自2018年以来，我局持续推进依法行政。2023年，我局继续努力。').year).toBe(2023)
  })

  it('reads "20XX年以来" as that year when nothing else names one', () => {
    expect(read('法治政府建设情况报告', '2022年以来，石桥区林业局坚持依法行政，成效明显。').year).toBe(2022)
  })

  it('reads the year from a top-level heading of the year\'s work, not from a plan\'s', () => {
    const headed = (...headings: string[]) => read('法治政府建设情况报告', '我局依法履职。', ...headings.flatMap((h) => [h, body])).year
    expect(headed('一、主要负责人履职情况', '二、2024年推进法治建设的主要举措', '三、2025年工作计划')).toBe(2024)
    expect(headed('一、主要负责人履职情况', '二、存在的不足', '三、2025年工作打算')).toBeNull()
  })

  it('reads the year the body\'s sentences open with when nothing else names one, not a plan\'s', () => {
    expect(read('一、基本情况', '全面推进依法行政。2021年清理调整许可事项12项。2021年，我局还开展了普法。').year).toBe(2021)
    expect(read('一、基本情况', '全面推进依法行政。2021年清理许可事项12项。2022年完成换证。').year).toBeNull()
    expect(read('一、基本情况', '全面推进依法行政。2022年，我局将继续深化改革。').year).toBeNull()
  })

  it('reads the year from the date line: early in Y reports on Y−1, November or December on Y', () => {
    const report = (date: string) => read('法治政府建设工作报告', '今年以来，我局扎实推进依法行政。', '一、主要举措', body, '石桥区林业局', date)
    expect(report('二〇二四年二月').year).toBe(2023)
    expect(report('2023年12月26日').year).toBe(2023)
    expect(report('2023年8月1日').year).toBeNull()
    expect(report('2023年8月1日').dateLine).toMatchObject({ year: 2023, month: 8 })
  })

  it('reads a date line with its signer or in digits, and a title carrying only its writing date', () => {
    const report = (...end: string[]) => read('年度工作报告', '今年以来，我局依法履职。', '一、主要举措', body, ...end)
    expect(report('石桥区林业局　　2024年3月2日')).toMatchObject({ year: 2023, bureau: '石桥区林业局' })
    expect(report('2023.12.28').year).toBe(2023)
    const dated = read('法治政府建设工作报告', '石桥区林业局', '（2024年1月9日）', '今年以来，我局依法履职。', '一、主要举措', body)
    expect(dated).toMatchObject({ year: 2023, bureau: '石桥区林业局', dateLine: null, sections: { ...none, measures: true } })
  })

  it('decides the year of a date line by its month', () => {
    const date = { year: 2025 }
    expect([1, 6, 7, 10, 11, 12].map((month) => yearOfDateLine({ ...date, month }))).toEqual([2024, 2024, null, null, 2025, 2025])
  })
})

describe('bureau and county', () => {
  it('prefers the full name of the title over the short name of the opening', () => {
    const s = read('青禾县交通运输局2023年法治政府建设情况报告', '现将县交通运输局2023年法治政府建设情况报告如下：')
    expect(s).toMatchObject({ bureau: '青禾县交通运输局', county: '青禾县' })
  })

  it('takes the opening spelling out the title’s short name more fully', () => {
    const s = read('区住房城乡建设委关于2022年度法治政府建设情况的报告', '2022年，白沙区住房城乡建设委认真履职。')
    expect(s.bureau).toBe('白沙区住房城乡建设委')
  })

  it('drops province and city, 中共…党组 and 关于', () => {
    expect(read('中共某某省云台市青禾县审计局党组关于2022年度法治政府建设情况的报告', '', body).bureau).toBe('青禾县审计局')
  })

  it('drops an autonomous region and a prefecture (地区) before a county-level city', () => {
    expect(read('某某族自治区云台地区青禾市教育局2023年度法治政府建设情况报告', '', body)).toMatchObject({
      bureau: '青禾市教育局',
      county: '青禾市',
    })
  })

  it.each([
    ['委员会', '青禾县卫生健康委员会'],
    ['委', '青禾县发展改革委'],
    ['办公室', '青禾县人民政府办公室'],
    ['中心', '青禾县政务服务中心'],
    ['站', '青禾县农业技术推广站'],
    ['大队', '青禾县城市管理综合执法大队'],
  ])('reads a name ending in %s', (_, name) => {
    expect(read(`${name}2023年法治政府建设情况报告`, '', body).bureau).toBe(name)
  })

  it('skips the county’s own leadership and another bureau named in the opening', () => {
    const s = read('法治政府建设年度报告', '2023年,在区委、区政府的领导和区司法局的指导下,白沙区统计局依法履职。')
    expect(s).toMatchObject({ bureau: '白沙区统计局', county: '白沙区', year: 2023 })
    expect(read('报告', '2023年，在青禾县全面依法治县委员会的指导下，我局依法履职。').bureau).toBeNull()
  })

  it('reads a bureau named only inside the title of one of its documents', () => {
    const s = read(
      '法治政府建设情况报告',
      '2023年，我局坚持依法行政。',
      '一、主要举措',
      '制定《云台市青禾县卫生健康委员会关于加强依法行政的实施意见》，印发《青禾县人民政府关于推进法治建设的通知》。',
    )
    expect(s).toMatchObject({ bureau: '青禾县卫生健康委员会', county: '青禾县' })
  })

  it('reads the signature above the date line when the title and opening name no bureau', () => {
    const s = read('年度报告', '今年以来，我局依法履职。', '一、主要举措', body, '石桥区林业局', '2024年1月15日')
    expect(s).toMatchObject({ bureau: '石桥区林业局', county: '石桥区', year: 2023 })
  })

  it('completes a short name with the county its quoted documents name, else keeps it short', () => {
    const quoting = ['2023年，县司法局依法履职。', '一、主要举措', '落实《青禾县行政执法公示办法》和《青禾县法律顾问制度》。']
    expect(read('年度报告', ...quoting)).toMatchObject({ bureau: '青禾县司法局', county: '青禾县' })
    expect(read('年度报告', '2023年，县司法局依法履职。', '一、主要举措', body)).toMatchObject({ bureau: '县司法局', county: null })
  })

  it('reads the county of a report that names its leadership but not its bureau', () => {
    expect(read('年度报告', '2023年，在青禾县委、县政府的坚强领导下，我局依法履职。').county).toBe('青禾县')
  })
})

describe('sections', () => {
  it('reads headings that state a result as the measures, by their place before the shortcomings', () => {
    const s = sectionsOf('2023年法治政府建设情况报告', '', '一、执法质效稳步提升', body, '二、普法工作迈上新台阶', body, '三、短板弱项', '人手不足。', '四、今后工作安排', body)
    expect(s).toEqual({ ...none, measures: true, shortcomings: true, nextYearPlan: true })
  })

  it('does not take a measure about solving problems for the shortcomings', () => {
    const s = sectionsOf('2023年法治政府建设情况报告', '', '一、着力解决群众关心的热点问题', body, '二、规范执法', body, '三、困难和问题', '人手不足。')
    expect(s).toEqual({ ...none, measures: true, shortcomings: true })
  })

  it('does not take an unnamed heading after the shortcomings for the measures', () => {
    const s = sectionsOf('2023年法治政府建设情况报告', '', '一、存在的差距', '人手不足。', '二、几点体会', body)
    expect(s).toEqual({ ...none, shortcomings: true })
  })

  it.each([
    ['下一步打算'],
    ['今后工作安排'],
    ['2024年工作思路'],
    ['下一步工作计划'],
  ])('reads "%s" as the plan', (heading) => {
    expect(sectionsOf('2023年法治政府建设情况报告', '', '一、主要做法', body, `二、${heading}`, body)).toEqual({
      ...none,
      measures: true,
      nextYearPlan: true,
    })
  })

  it.each([['主要负责人履职情况'], ['领导重视'], ['党政主要负责人履行推进法治建设第一责任人职责情况']])(
    'reads "%s" as the duty performance',
    (heading) => {
      expect(sectionsOf('2023年法治政府建设情况报告', '', '一、主要举措', body, `二、${heading}`, body).dutyPerformance).toBe(true)
    },
  )

  it.each([['存在的问题'], ['工作中的不足'], ['短板和弱项'], ['与要求相比的差距']])('reads "%s" as the shortcomings', (heading) => {
    expect(sectionsOf('2023年法治政府建设情况报告', '', '一、主要举措', body, `二、${heading}`, '人手不足。').shortcomings).toBe(true)
  })

  it('reads the other matters and a section whose first sentence is about the leader’s duties', () => {
    const s = sectionsOf(
      '2023年法治政府建设情况报告',
      '',
      '一、压实主体责任',
      '局主要负责人切实履行法治建设第一责任人职责，带头学法。',
      '二、强化执法监督',
      body,
      '三、其他需要报告的情况',
      '无。',
    )
    expect(s).toEqual({ ...none, measures: true, dutyPerformance: true, other: true })
  })

  it('reads an outline of unnumbered headings with numbered items below them', () => {
    const s = read('2023年法治政府建设情况报告', '', '主要举措和成效', '（一）强化学法', body, '存在的不足', '（一）宣传形式单一。', '（二）执法力量薄弱。', '下一步打算', '（一）加强培训', body)
    expect(s.sections).toEqual({ ...none, measures: true, shortcomings: true, nextYearPlan: true })
    expect(s.problems.map((p) => p.text)).toEqual(['宣传形式单一。', '执法力量薄弱。'])
  })

  it('reads an unnumbered heading ending with a colon that stands in for a lost number', () => {
    const s = read('2023年法治政府建设情况报告', '', '一、主要举措', body, '存在的不足：', '一是台账不全。二是公示滞后。', '三、下一步打算', body)
    expect(s.sections).toEqual({ ...none, measures: true, shortcomings: true, nextYearPlan: true })
    expect(s.problems).toHaveLength(2)
  })

  it('does not let a short unnumbered line inside a section close it', () => {
    const s = read('2023年法治政府建设情况报告', '', '一、主要举措', body, '二、存在的问题', '一是台账不全；', '执法成效有待提升', '二是公示滞后。', '三、下一步打算', body)
    expect(s.sections).toEqual({ ...none, measures: true, shortcomings: true, nextYearPlan: true })
    expect(s.problems).toHaveLength(2)
  })

  it('does not read items under the plans or the measures as contents, except the duty performance', () => {
    const s = sectionsOf('2023年法治政府建设情况报告', '', '一、主要举措', '（一）补齐执法短板', body, '（二）主要负责人履职情况', body, '二、下一步打算', '（一）解决存在的问题', body)
    expect(s).toEqual({ ...none, measures: true, dutyPerformance: true, nextYearPlan: true })
  })

  it('reads the measures of a report without headings from the paragraphs after its announcement', () => {
    const intro = ['石桥区林业局2023年法治政府建设情况报告', '今年以来，我局依法履职。现将有关情况报告如下：']
    expect(sectionsOf(...intro, body, '全年开展普法活动，群众反响良好。')).toEqual({ ...none, measures: true })
    expect(sectionsOf(...intro)).toEqual(none)
  })

  it('stops the last section before the date line', () => {
    const s = read('2023年法治政府建设情况报告', '', '一、主要举措', body, '二、存在的问题', '人手不足。', '石桥区林业局', '2024年1月5日')
    expect(s.dateLine).toMatchObject({ year: 2024, month: 1 })
    expect(s.spans.shortcomings[0].end).toBeLessThanOrEqual(s.dateLine!.start)
    expect(s.problems.map((p) => p.text)).toEqual(['人手不足。'])
  })
})

describe('problems', () => {
  const report = (...shortcomings: string[]) => ['2023年法治政府建设情况报告', '', '一、主要举措', body, '二、存在的不足', ...shortcomings, '三、下一步打算', body]

  it('reads 一是/二是/三是 inline in one paragraph, each from its lead to the next', () => {
    expect(problemTexts(...report('对照要求，存在的不足：一是普法形式单一；二是执法人员偏少；三是案卷管理不规范。'))).toEqual([
      '普法形式单一；',
      '执法人员偏少；',
      '案卷管理不规范。',
    ])
  })

  it('reads 一是/二是 after commas', () => {
    expect(problemTexts(...report('主要表现在：一是制度不够健全，二是培训不够经常。'))).toHaveLength(2)
  })

  it('reads （一）（二） inline and 1. 2. inline', () => {
    expect(problemTexts(...report('问题如下：（一）学法流于形式；（二）审查把关不严。'))).toEqual(['学法流于形式；', '审查把关不严。'])
    expect(problemTexts(...report('具体是：1.队伍年龄偏大；2.装备不足；3.经费紧张。'))).toHaveLength(3)
  })

  it('reads numbered items on their own lines, the outermost numbering only', () => {
    const texts = problemTexts(...report('（一）宣传不深入。一是形式旧；二是覆盖窄。', '（二）监督不到位。'))
    expect(texts).toHaveLength(2)
    expect(texts[0].startsWith('宣传不深入')).toBe(true)
  })

  it('reads a heading with its problems on the same line', () => {
    const texts = problemTexts('2023年法治政府建设情况报告', '', '一、主要举措', body, '二、存在的问题：一是台账不全；二是公示滞后。', '三、下一步打算', body)
    expect(texts).toEqual(['台账不全；', '公示滞后。'])
  })

  it('ends a list where its numbering starts again', () => {
    const s = read('2023年法治政府建设情况报告', '', '一、主要举措', body, '二、存在问题和今后打算', '一是台账不全；二是公示滞后。', '下一步，一是建好台账；二是及时公示；三是加强培训。')
    expect(s.problems.map((p) => p.text)).toEqual(['台账不全；', '公示滞后。'])
  })

  it('reads an unnumbered section as one problem, its first paragraph', () => {
    expect(problemTexts(...report('依法行政能力与新要求相比还有差距。', '我们将认真加以改进。'))).toEqual(['依法行政能力与新要求相比还有差距。'])
  })

  it('reads the paragraphs after one announcing a list as the problems', () => {
    expect(problemTexts(...report('主要有以下几个方面：', '部分干部学法不够主动。', '个别执法文书不够规范。'))).toEqual([
      '部分干部学法不够主动。',
      '个别执法文书不够规范。',
    ])
  })

  it('reads a paragraph whose every sentence names who falls short as a list, and no other paragraph', () => {
    expect(problemTexts(...report('部分股室学法不够主动。个别案卷归档不及时。少数人员持证不全。'))).toEqual([
      '部分股室学法不够主动。',
      '个别案卷归档不及时。',
      '少数人员持证不全。',
    ])
    expect(problemTexts(...report('主要是：部分股室学法不够主动；个别案卷归档不及时。'))).toEqual(['部分股室学法不够主动；', '个别案卷归档不及时。'])
    expect(problemTexts(...report('宣传形式较为单一。部分股室学法不够主动。'))).toHaveLength(1)
  })

  it('reads the problems of the innermost shortcomings heading', () => {
    const s = read(
      '2023年法治政府建设情况报告',
      '',
      '一、主要举措',
      body,
      '二、存在的问题和下一步打算',
      '（一）存在的问题',
      '1.宣传不够。',
      '2.培训不够。',
      '（二）下一步打算',
      '1.加强宣传。',
    )
    expect(s.sections).toEqual({ ...none, measures: true, shortcomings: true, nextYearPlan: true })
    expect(s.problems.map((p) => p.text)).toEqual(['宣传不够。', '培训不够。'])
  })
})

describe('speed', () => {
  it('reads a long report in far less than 20 ms', () => {
    const section = (n: string, heading: string) => [`${n}、${heading}`, ...Array.from({ length: 12 }, (_, i) => `（${'一二三四五六七八九十'[i % 10]}）${body.repeat(12)}`)]
    const text = ['青禾县水利局2023年度法治政府建设情况报告', '', ...section('一', '主要举措'), ...section('二', '存在的不足'), ...section('三', '下一步打算')].join('\n')
    expect(text.length).toBeGreaterThan(10_000)
    readStructure(text)
    const start = performance.now()
    for (let i = 0; i < 10; i++) readStructure(text)
    expect((performance.now() - start) / 10).toBeLessThan(10)
  })
})

describe('bureau names as reports write them', () => {
  it('takes the opening’s full name for the title’s abbreviation of the same bureau', () => {
    const s = read('青禾县林草局2024年度法治政府建设工作报告', '现将青禾县林业和草原局2024年度法治政府建设情况报告如下：')
    expect(s).toMatchObject({ bureau: '青禾县林业和草原局', county: '青禾县' })
  })

  it('keeps the title’s name when the opening names another bureau of the county', () => {
    const s = read('青禾县林草局2024年度法治政府建设工作报告', '现将青禾县水利局转来的意见落实情况一并报告如下：')
    expect(s.bureau).toBe('青禾县林草局')
  })

  it('reads a county branch of a city bureau, with the branch’s place as the county', () => {
    const s = read('2023年度法治政府建设工作情况报告', '现将云台市生态环境局青禾分局2023年度法治政府建设工作情况报告如下：')
    expect(s).toMatchObject({ bureau: '云台市生态环境局青禾分局', county: '青禾', year: 2023 })
  })

  it('reads the level word written twice as once', () => {
    expect(read('青禾县县卫生健康局2022年度法治政府建设情况报告', body).bureau).toBe('青禾县卫生健康局')
  })
})

describe('what the title and opening leave out, completed from the text', () => {
  const work = ['一、主要举措', body]

  it('completes an organ named alone after its leadership with the place of that level the text quotes', () => {
    const opening = (leadership: string, document: string) =>
      read(`2024年，在${leadership}的正确领导下，水务局认真落实${document}，依法履职。`, ...work)
    expect(opening('市委、市政府', '《白河市推进依法行政实施方案》')).toMatchObject({ bureau: '白河市水务局', county: '白河市' })
    // Another level's place, or none at all, leaves the organ unnamed: no level word is guessed.
    expect(opening('县委、县政府', '《白河市推进依法行政实施方案》').bureau).toBeNull()
    expect(opening('市委、市政府', '上级部署').bureau).toBeNull()
    // A document on cities (《…城市…》) names no place.
    expect(opening('市委、市政府', '《加快城市更新实施办法》').bureau).toBeNull()
    // Only an organ is completed, not a phrase ending in 局.
    const phrase = read('2024年，在市委、市政府的正确领导下，服务发展大局，落实《白河市推进依法行政实施方案》。', ...work)
    expect(phrase.bureau).toBeNull()
  })

  it('completes a short name with a county-level city from the addressee line', () => {
    const report = (addressee: string) => read(addressee, '2024年，在市委市政府的领导下，市水务局依法履职。', ...work)
    expect(report('白河市委、白河市人民政府：')).toMatchObject({ bureau: '白河市水务局', county: '白河市' })
    // A county's addressee does not complete a city-level name (the county is still the addressee's).
    expect(report('青禾县委、青禾县人民政府：')).toMatchObject({ bureau: '市水务局', county: '青禾县' })
    // 市场 opens a word, not a city-level name.
    expect(read('白河市委、白河市人民政府：', '2024年，市场监管有力，营造公平竞争新格局。', ...work).bureau).toBeNull()
  })

  it('reads the bureau from its documents titled with a year first or going on after its name, also for an abbreviation', () => {
    const report = (opening: string, documents: string) => read('法治政府建设情况报告', opening, '一、主要举措', `制定${documents}。`)
    expect(report('2024年，我局依法履职。', '《2024年度青禾县卫生健康局学法计划》').bureau).toBe('青禾县卫生健康局')
    expect(report('2024年，县卫健局依法履职。', '《青禾县卫生健康局党组工作规则》').bureau).toBe('青禾县卫生健康局')
    // Another organ's document does not name the bureau; its county still completes the short name.
    expect(report('2024年，县卫健局依法履职。', '《青禾县文化旅游局党组工作规则》').bureau).toBe('青禾县卫健局')
  })

  it('reads the year of the first heading when the title and the opening hold none', () => {
    const report = (...lines: string[]) => read(...lines, '现将我局法治政府建设情况报告如下：', '一、2024年法治政府建设的主要举措', body).year
    expect(report()).toBe(2024)
    expect(report('青禾县水务局2023年度法治政府建设情况报告')).toBe(2023)
    expect(read('现将我局法治政府建设情况报告如下：', '一、2020年以来的主要举措', body).year).toBeNull()
  })

  it('reads no bureau from a verb phrase or a meeting', () => {
    expect(read('报告', '2023年，我局认真贯彻县委三届五次全会和镇委各项部署，依法履职。').bureau).toBeNull()
    expect(read('报告', '2023年，深入学习县委工作会议精神，我局依法履职。').bureau).toBeNull()
    expect(read('报告', '2023年，白沙区统计局认真贯彻区委各项部署，依法履职。').bureau).toBe('白沙区统计局')
  })

  it('reads 履职 as the duty performance only with the one holding the duty', () => {
    const report = (heading: string) => sectionsOf('2023年法治政府建设情况报告', '', heading, body)
    expect(report('一、主要履职情况')).toEqual({ ...none, measures: true })
    expect(report('一、党政主要负责人履职情况')).toMatchObject({ dutyPerformance: true })
    expect(report('一、局领导履职情况')).toMatchObject({ dutyPerformance: true })
  })

  it('reads a first 一、 running on into its paragraph as the measures heading', () => {
    const intro = ['青禾县水务局2023年法治政府建设情况报告', '现将有关情况报告如下：']
    expect(sectionsOf(...intro, '一、夯实组织基础，压实工作责任。一是成立领导小组。二是明确分工。')).toEqual({ ...none, measures: true })
    // Not the first of an outline: a paragraph like any other.
    expect(sectionsOf(...intro, '二、夯实组织基础，压实工作责任。一是成立领导小组。二是明确分工。')).toEqual(none)
  })
})

describe('names the leadership’s phrases are not', () => {
  it('does not read the leadership’s 中心工作 or 中心组 as an organ named 中心', () => {
    expect(read('报告', '2023年，我局紧紧围绕县委、县政府中心工作，依法履职。').bureau).toBeNull()
    expect(read('报告', '2023年，我局参加区委中心组学法，依法履职。').bureau).toBeNull()
    // A 中心 of its own is an organ.
    expect(read('报告', '2023年，县政务服务中心围绕中心工作依法履职。').bureau).toBe('县政务服务中心')
  })

  it('does not read a phrase naming two levels’ leaderships as one organ, and reads the organ after it', () => {
    expect(read('报告', '2023年，我局按照省委、市委工作部署和区委要求，依法履职。').bureau).toBeNull()
    expect(read('报告', '2023年，按照市委决策和区委要求，区水务局依法履职。').bureau).toBe('区水务局')
    // 和 inside an organ's own name is kept.
    expect(read('报告', '2023年，市住房和城乡建设局依法履职。').bureau).toBe('市住房和城乡建设局')
  })
})

describe('a title naming its organ alone', () => {
  const opening = '2023年，我局依法履职。现将有关情况报告如下：'

  it('reads the organ as the title writes it, without guessing its place', () => {
    expect(read('2023年度水务局法治政府建设工作报告', opening)).toMatchObject({ bureau: '水务局', county: null, year: 2023 })
    expect(read('水务局2023年法治政府建设情况报告', opening).bureau).toBe('水务局')
    expect(read('2023年度市场监督管理局法治政府建设工作报告', opening).bureau).toBe('市场监督管理局')
    // No organ in the title, or only 我局: no bureau.
    expect(read('2023年度法治政府建设工作报告', opening).bureau).toBeNull()
    expect(read('我局2023年度法治政府建设工作报告', opening).bureau).toBeNull()
  })

  it('completes the organ from a signature of the same organ only', () => {
    const signed = (signer: string) => read('水务局2023年法治政府建设情况报告', opening, '一、主要举措', body, signer, '2024年1月8日').bureau
    expect(signed('青禾县水务局')).toBe('青禾县水务局')
    expect(signed('青禾县林业局')).toBe('水务局')
  })
})

describe('a county branch of a prefecture’s bureau', () => {
  it('reads the prefecture’s name with the branch, with the branch’s place as the county', () => {
    const s = read('云岭自治州生态环境局青禾分局2024年度法治政府建设情况报告', body)
    expect(s).toMatchObject({ bureau: '云岭自治州生态环境局青禾分局', county: '青禾', year: 2024 })
    expect(read('2024年度报告', '现将云岭地区水利局青禾分局2024年度法治政府建设情况报告如下：').bureau).toBe('云岭地区水利局青禾分局')
    // The prefecture's bureau named in the opening, without a branch, is no county's.
    expect(read('2024年度报告', '现将云岭自治州生态环境局转来的意见落实情况报告如下：').bureau).toBeNull()
  })
})

describe('a measures sub-heading about the leaders’ duties', () => {
  const report = (heading: string, first: string) =>
    sectionsOf('2023年法治政府建设情况报告', '', '一、工作开展情况', heading, first, '（二）规范执法', body)
  const leaderFirst = '局主要负责人切实履行推进法治建设第一责任人职责，带头学法。'

  it('reads the leaders’ 职责 opening with the 第一责任人’s duties as the duty performance', () => {
    expect(report('（一）压实党政领导干部法治建设职责', leaderFirst)).toEqual({ ...none, measures: true, dutyPerformance: true })
  })

  it('needs both the holder in the heading and the duty in its first sentence', () => {
    expect(report('（一）压实党政领导干部法治建设职责', body)).toEqual({ ...none, measures: true })
    expect(report('（一）全面履行法治建设职责', leaderFirst)).toEqual({ ...none, measures: true })
    expect(report('（一）加强组织保障', leaderFirst)).toEqual({ ...none, measures: true })
  })
})
