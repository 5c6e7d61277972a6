import Mustache

// The launch page is rendered on every launch: its templates find the page's fields by name
// here instead of through `Mirror`, which walked every field for each name a template asks for
// (the largest share of a student launch's rendering).

extension LaunchPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "course": course
        case "pickSession": pickSession
        case "isInstructorList": isInstructorList
        case "isStudentPage": isStudentPage
        case "badgeClasses": badgeClasses
        case "heldBadges": heldBadges
        case "rules": rules
        case "waiting": waiting
        case "ruleForm": ruleForm
        case "progress": progress
        case "walletHandoff": walletHandoff
        case "language": language
        default: nil
        }
    }
}

extension LaunchPage.HeldBadge: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "issuedOn": issuedOn
        default: nil
        }
    }
}

extension LaunchPage.ProgressItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "explanation": explanation
        case "heldURL": heldURL
        default: nil
        }
    }
}

extension PageRenderer.Layout: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "language": language
        case "title": title
        case "content": content
        default: nil
        }
    }
}
