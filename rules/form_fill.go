package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// formFill finds a literal typed into a password field by a browser test
// or automation script: Selenium's findElement(By.id("password"))
// .sendKeys("…") and find_element(By.NAME, "pwd").send_keys("…"),
// Cypress cy.get('#password').type('…'), Playwright and Puppeteer
// page.fill('#password', '…') and locator('…password…').fill('…'),
// WebdriverIO $('#password').setValue('…'). The field's selector names a
// password; what is typed is the password of the account the script logs
// into (a seeded admin, a public demo site's user). A value that declares
// itself wrong (wrong, invalid, bad) is the negative test's, and a field
// that confirms or sets a new password belongs to a sign-up the test does.
func formFill() Rule {
	sel := `(?:"[^"\r\n]*?(?:pass|pwd)[^"\r\n]*"|'[^'\r\n]*?(?:pass|pwd)[^'\r\n]*')`
	lit := `(?:"([^"\r\n]{3,})"|'([^'\r\n]{3,})'|\x60([^\x60\r\n$]{3,})\x60)[ \t]*[,)]`
	return build(spec{
		id:          "form-fill-password",
		description: "Literal typed into a password field by a browser test or automation script",
		regex: `(?i)(?:` + sel + `[ \t]*\)+(?:\.clear\(\))?[ \t]*\.(?:sendKeys|send_keys|type|fill|setValue|pressSequentially|typeText)\(` +
			`|\.(?:fill|type|setValue)\([ \t]*` + sel + `[ \t]*,)[ \t]*` + lit,
		keywords: []string{"sendkeys(", "send_keys(", ".type(", ".fill(", "setvalue(", "presssequentially(", "typetext("},
		tags:     []string{"code", "password", "confidence:medium"},
		path:     sourceCodeFiles,
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    formFillCheck,
		tps: []string{
			"\t\tdriver.findElement(By.name(\"txtPassword\")).sendKeys(\"zork123\");\n",
			"    driver.find_element(By.ID, \"password\").send_keys(\"Zork-sauce1\")\n",
			"    cy.get('#password').type('Zork!4711')\n",
			"    cy.get('[data-test=\"password\"]').clear().type('zork-sauce9')\n",
			"  await page.fill('input[name=\"password\"]', 'zork4711');\n",
			"  await page.locator('#user-password').fill('zork4711');\n",
			"  await page.getByLabel('Password').fill(`zork4711`);\n",
			"    driver.findElement(By.xpath(\"//input[@type='password']\")).sendKeys(\"zork123\");\n",
		},
		fps: []string{
			"    cy.get('#password').type(password)\n",
			"    cy.get('#password').type(Cypress.env('PASSWORD'))\n",
			"    cy.get('#password').type('wrongpassword')\n",
			"    cy.get('#password').type('invalid-zork')\n",
			"    cy.get('#confirm-password').type('zork4711')\n",
			"    cy.get('#new_password').type('zork4711')\n",
			"    cy.get('#username').type('zork4711')\n",
			"    cy.get('#password').type('{enter}')\n",
		},
	})
}

// formFillRejects matches a match whose field confirms or sets a new
// password, or whose value says it is wrong.
var formFillRejects = regexp.MustCompile(`(?i)confirm|repeat|retype|new[_-]?pass|pass\w*2|wrong|invalid|incorrect|bad[_-]?pass|\{\w+\}`)

// formFillCheck drops the negative tests' values and sign-up fields.
func formFillCheck(match, secret string) bool {
	return !formFillRejects.MatchString(match)
}
