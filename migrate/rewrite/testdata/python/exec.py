"""Prints the secrets it uses (test fixture)."""

API_KEY = "sk_live_FAKEEXAMPLEEXEC0001"


def main():
    webhook = "whsec_FAKEEXAMPLEEXEC0002"
    dsn = 'postgres://app:pw-FAKE-ÉXEC-03@localhost/app'
    print(API_KEY)
    print(webhook)
    print(dsn)
    print(API_KEY)


if __name__ == "__main__":
    main()
