import RegistryCore
import Testing

@Suite struct ApplicationTransitionTests {
    static let at = Instant(iso: "2026-11-27T02:00:00Z")!

    static func application() throws -> Application {
        let form = try ApplicationFormInput.example().validate(today: CalendarDate(year: 2026, month: 11, day: 27)!, reservation: .none).get()
        return Application(number: "A1", request: .establishment(form), version: 1, state: .underReview, acceptedBy: "clerk",
                           receivedAt: at, submittedAt: at, deadline: CalendarDate(year: 2026, month: 12, day: 2)!, reviews: [],
                           completedAt: nil, code: nil)
    }

    static func review(_ department: Department, _ decision: Application.Review.Decision = .approve, version: Int = 1,
                       reasons: [String] = []) -> Application.Review {
        .init(department: department, decision: decision, reasons: reasons, reviewer: department.rawValue, at: at, version: version)
    }

    @Test func approvalsInAnyOrderComplete() throws {
        for order in [[Department.market, .tax, .statistics], [.statistics, .market, .tax], [.tax, .statistics, .market]] {
            var application = try Self.application()
            for department in order {
                #expect(!application.isFullyApproved)
                try application.record(Self.review(department))
            }
            #expect(application.isFullyApproved)
            try application.complete(code: CreditCode(validating: "91350100M000100Y43"), at: Self.at)
            #expect(application.state == .completed)
            #expect(throws: ApplicationError.wrongState(number: "A1", state: .completed, action: "reviewed")) {
                try application.record(Self.review(.tax))
            }
        }
    }

    @Test func refusals() throws {
        var application = try Self.application()
        try application.record(Self.review(.market))
        #expect(throws: ApplicationError.alreadyReviewed(number: "A1", department: .market, version: 1)) {
            try application.record(Self.review(.market))
        }
        #expect(throws: ApplicationError.staleVersion(number: "A1", given: 2, current: 1)) {
            try application.record(Self.review(.tax, version: 2))
        }
        #expect(throws: ApplicationError.reasonsRequired) { try application.record(Self.review(.tax, .return)) }
        #expect(throws: ApplicationError.wrongState(number: "A1", state: .underReview, action: "completed before every department approved")) {
            try application.complete(code: CreditCode(validating: "91350100M000100Y43"), at: Self.at)
        }
        #expect(throws: ApplicationError.wrongState(number: "A1", state: .underReview, action: "corrected")) {
            try application.correct(with: application.request, at: Self.at, deadline: application.deadline)
        }
    }

    @Test func returnedApplicationIsCorrectedAndReviewedAgain() throws {
        var application = try Self.application()
        try application.record(Self.review(.market))
        try application.record(Self.review(.tax, .return, reasons: ["财务负责人电话缺失"]))
        #expect(application.state == .returned)
        #expect(throws: ApplicationError.wrongState(number: "A1", state: .returned, action: "reviewed")) {
            try application.record(Self.review(.statistics))
        }
        #expect(throws: ApplicationError.unchangedResubmission(number: "A1")) {
            try application.correct(with: application.request, at: Self.at, deadline: application.deadline)
        }
        var corrected = application.form!
        corrected.tax.headcount = 13
        try application.correct(with: .establishment(corrected), at: Self.at, deadline: CalendarDate(year: 2026, month: 12, day: 3)!)
        #expect(application.version == 2 && application.state == .underReview && application.approvedDepartments.isEmpty)
        #expect(application.currentReviews.isEmpty && application.reviews.count == 2)
        for department in Department.allCases { try application.record(Self.review(department, version: 2)) }
        #expect(application.isFullyApproved)
    }
}

extension ApplicationTransitionTests {
    @Test func aDeadlineIsExtendedOncePerVersionBeforeItPasses() throws {
        var application = try Self.application()
        let request = DeadlineExtensionRequest(reason: "情形复杂", approvedBy: "王局长")
        let calendar = WorkingCalendar()
        func extend(at instant: Instant = Self.at) throws(ApplicationError) {
            try application.extendDeadline(request, recordedBy: "market", at: instant) { calendar.adding(workingDays: 3, to: $0) }
        }
        try extend()
        // Due Wednesday 12-02, three working days more: Monday 12-07.
        #expect(application.deadline == CalendarDate(year: 2026, month: 12, day: 7))
        #expect(application.deadlineExtension == DeadlineExtension(previousDeadline: CalendarDate(year: 2026, month: 12, day: 2)!, reason: "情形复杂",
                                                                   approvedBy: "王局长", recordedBy: "market", at: Self.at))
        #expect(throws: ApplicationError.alreadyExtended(number: "A1", version: 1)) { try extend() }
        // A correction starts a new period, which may be extended again.
        try application.record(Self.review(.tax, .return, reasons: ["材料不全"]))
        #expect(throws: ApplicationError.wrongState(number: "A1", state: .returned, action: "given a longer deadline")) { try extend() }
        var corrected = try ApplicationFormInput.example(name: "长沙青禾湾网络科技有限公司").validate(today: CalendarDate(year: 2026, month: 11, day: 27)!,
                                                                                                     reservation: .none).get()
        corrected.market.domicile = "湖南省长沙市岳麓区枫林三路1号"
        try application.correct(with: .establishment(corrected), at: Self.at, deadline: CalendarDate(year: 2026, month: 12, day: 2)!)
        #expect(application.deadlineExtension == nil)
        // Not after the deadline has passed.
        #expect(throws: ApplicationError.deadlinePassed(number: "A1", deadline: CalendarDate(year: 2026, month: 12, day: 2)!)) {
            try extend(at: Instant(iso: "2026-12-03T02:00:00Z")!)
        }
        try extend()
        #expect(application.deadline == CalendarDate(year: 2026, month: 12, day: 7))
    }

    @Test func anExtensionNamesItsReasonAndApprover() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 27)!
        guard case .failure(let failure) = DeadlineExtensionRequest.validate(reason: " ", approvedBy: "王", today: today) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.errors.map { "\($0.field) \($0.code)" } == ["/reason required", "/approvedBy too-short"])
        #expect(try DeadlineExtensionRequest.validate(reason: " 情形复杂 ", approvedBy: "王建国", today: today).get()
                == DeadlineExtensionRequest(reason: "情形复杂", approvedBy: "王建国"))
    }
}
