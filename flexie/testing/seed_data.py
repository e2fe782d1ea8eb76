"""Word pools for seeded records (invented names and companies; no real people)."""

from __future__ import annotations

FIRST_NAMES = (
    "David", "Maria", "James", "Olivia", "Arben", "Elira", "Liam", "Sofia", "Noah", "Emma",
    "Lucas", "Mia", "Ethan", "Amelia", "Mateo", "Isla", "Leon", "Hana", "Omar", "Aisha",
    "Luca", "Giulia", "Jonas", "Lena", "Hugo", "Chloe", "Daniel", "Grace", "Samuel", "Zara",
    "Ivan", "Nora", "Felix", "Clara", "Adam", "Ines", "Erik", "Freya", "Rafael", "Alba",
    "Tomas", "Ella", "Kai", "Maya", "Arjun", "Priya", "Kenji", "Yuki", "Dritan", "Besa",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Hernandez", "Smith", "Johnson", "Hoxha", "Krasniqi", "Brown", "Garcia", "Miller", "Davis",
    "Rossi", "Bianchi", "Muller", "Schmidt", "Dubois", "Martin", "Novak", "Kowalski", "Jensen", "Larsen",
    "Silva", "Santos", "Tanaka", "Sato", "Patel", "Shah", "Nguyen", "Tran", "Kim", "Park",
    "O'Brien", "Murphy", "Walsh", "Byrne", "Berisha", "Gashi", "Shehu", "Dervishi", "Fischer", "Weber",
    "Moreau", "Laurent", "Costa", "Ferreira", "Ivanova", "Petrov", "Anderson", "Taylor", "Thomas", "Moore",
)  # fmt: skip
COMPANY_STEMS = (
    "Northwind", "Bluewave", "Acme", "Globex", "Initech", "Contoso", "Fabrikam", "Tailspin", "Wingtip",
    "Litware", "Proseware", "Lucerne", "Alpine", "Coho", "Adatum", "Tirana", "Adriatic", "Summit",
    "Brightline", "Redwood", "Silverlake", "Ironbridge", "Evergreen", "Harbor", "Keystone",
)  # fmt: skip
COMPANY_KINDS = (
    "Trading", "Logistics", "Labs", "Systems", "Foods", "Health", "Energy", "Media", "Consulting",
    "Partners", "Holdings", "Industries", "Retail", "Software", "Analytics",
)  # fmt: skip
LEGAL_FORMS = ("Ltd", "LLC", "Inc.", "GmbH", "S.A.", "plc", "Sh.p.k.", "")
# city, state/region, zip prefix, country, timezone, locale, phone prefix
CITIES = (
    ("London", "England", "EC1", "United Kingdom", "Europe/London", "en_GB", "+4420"),
    ("Manchester", "England", "M1", "United Kingdom", "Europe/London", "en_GB", "+44161"),
    ("New York", "NY", "100", "United States", "America/New_York", "en_US", "+1212"),
    ("Austin", "TX", "787", "United States", "America/Chicago", "en_US", "+1512"),
    ("Dallas", "TX", "752", "United States", "America/Chicago", "en_US", "+1214"),
    ("San Francisco", "CA", "941", "United States", "America/Los_Angeles", "en_US", "+1415"),
    ("Chicago", "IL", "606", "United States", "America/Chicago", "en_US", "+1312"),
    ("Toronto", "ON", "M5", "Canada", "America/Toronto", "en_CA", "+1416"),
    ("Berlin", "Berlin", "101", "Germany", "Europe/Berlin", "de_DE", "+4930"),
    ("Munich", "Bavaria", "803", "Germany", "Europe/Berlin", "de_DE", "+4989"),
    ("Paris", "Ile-de-France", "750", "France", "Europe/Paris", "fr_FR", "+331"),
    ("Madrid", "Madrid", "280", "Spain", "Europe/Madrid", "es_ES", "+3491"),
    ("Amsterdam", "North Holland", "101", "Netherlands", "Europe/Amsterdam", "nl_NL", "+3120"),
    ("Tirana", "Tirana", "100", "Albania", "Europe/Tirane", "sq_AL", "+3554"),
    ("Pristina", "Pristina", "100", "Kosovo", "Europe/Belgrade", "sq_AL", "+38338"),
    ("Milan", "Lombardy", "201", "Italy", "Europe/Rome", "it_IT", "+3902"),
    ("Dublin", "Leinster", "D02", "Ireland", "Europe/Dublin", "en_IE", "+3531"),
    ("Sydney", "NSW", "200", "Australia", "Australia/Sydney", "en_AU", "+612"),
)  # fmt: skip
STREETS = ("High Street", "Main Street", "Oak Avenue", "Station Road", "Park Lane", "Market Square", "Rruga e Durresit")
POSITIONS = (
    "CEO", "CTO", "Head of Sales", "Sales Manager", "Account Executive", "Marketing Manager",
    "Operations Director", "Procurement Lead", "IT Manager", "Office Manager", "Founder", "CFO",
)  # fmt: skip
DEAL_PRODUCTS = (
    "Enterprise license", "Annual subscription", "Onboarding package", "Support renewal",
    "Pilot project", "Consulting retainer", "Platform upgrade", "Training workshop",
)  # fmt: skip
CASE_TITLES = (
    "Login page returns 500 error", "Cannot export report to CSV", "Invoice shows wrong VAT",
    "Email campaign stuck in queue", "Password reset link expired", "Slow dashboard loading",
    "Duplicate contacts after import", "Webhook not firing", "Request for additional seats",
    "Calendar sync stopped working", "Wrong currency on quote", "Form submissions missing",
)  # fmt: skip
NOTE_TEXTS = (
    "Discussed renewal terms and next steps with the customer.",
    "Left a voicemail, will try again tomorrow.",
    "Sent the proposal and pricing sheet.",
    "Customer asked for a product demo next week.",
    "Budget approved for Q3; waiting on legal.",
    "Introduced to the procurement team.",
    "Follow-up meeting booked.",
)
REPLY_TEXTS = (
    "Thanks for reaching out. We are looking into this now.",
    "Could you send us a screenshot of the error?",
    "We have deployed a fix; please try again.",
    "This is resolved on our side. Let us know if anything else comes up.",
)
TASK_TEMPLATES = (
    "Call {name} to confirm renewal terms",
    "Send {name} the updated proposal",
    "Prepare demo for {name}",
    "Follow up with {name} after the meeting",
    "Review contract draft from {name}",
)
LIST_NAMES = (
    "Newsletter subscribers", "VIP customers", "Webinar attendees", "Trade show leads",
    "Churn risk", "Partners", "Q3 campaign", "Beta testers",
)  # fmt: skip
ROLE_DEFS = (
    ("Sales manager", "Runs the sales team.", ("lead:leads:full", "deal:deals:full", "task:tasks:full")),
    ("Sales representative", "Works own leads and deals.", ("lead:leads:viewown", "lead:leads:editown", "lead:leads:create", "deal:deals:viewown")),  # noqa: E501
    ("Support agent", "Handles cases.", ("case:cases:full", "lead:leads:viewother")),
    ("Marketing", "Runs campaigns and lists.", ("email:emails:full", "lead:lists:full", "form:forms:full")),
    ("Read only", "Can look, cannot touch.", ("lead:leads:viewother", "deal:deals:viewother", "case:cases:viewother")),
)  # fmt: skip
TASK_CATEGORIES = ("Call", "Email", "Meeting", "Follow-up", "Demo", "Deadline", "Paperwork", "Travel")
WORKFLOW_CATEGORIES = ("Onboarding", "Nurture", "Support", "Billing", "Internal", "Sales", "Marketing", "Retention")
CATEGORY_COLORS = ("#1abc9c", "#3498db", "#9b59b6", "#e67e22", "#e74c3c", "#2ecc71", "#f1c40f", "#34495e")
WORKFLOW_NAMES = (
    "VIP lead onboarding", "Welcome sequence", "Renewal reminder", "Case escalation",
    "Lead scoring", "Deal won hand-off", "Inactive contact re-engagement", "Invoice overdue alert",
)  # fmt: skip
FORM_NAMES = ("Contact us", "Newsletter signup", "Demo request", "Webinar registration", "Support request")
PAGE_TITLES = ("Spring offer", "Product tour", "Pricing", "Customer stories", "Webinar: CRM basics")
REPORT_NAMES = (
    ("Deals won by month", "deals"), ("Open cases by priority", "cases"), ("Leads by source", "leads"),
    ("Revenue by owner", "deals"), ("Contacts by country", "contacts"), ("Tasks overdue", "tasks"),
)  # fmt: skip
EMAIL_NAMES = (
    "Monthly newsletter", "Product update", "Webinar invitation", "Renewal reminder",
    "Welcome email", "Event follow-up",
)  # fmt: skip
