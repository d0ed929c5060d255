package rules

// jwtModuleSecret finds the signing secret given to NestJS's JwtModule
// (JwtModule.register({ secret: '…', signOptions: … }), also through
// registerAsync's factory): the option's key says only secret, the call
// says it signs every token the API trusts. The literal is the key
// whatever its strength (jwtKeyValue), as under a JWT-named key.
func jwtModuleSecret() Rule {
	return build(spec{
		id:          "jwt-module-secret",
		description: "Literal secret given to NestJS's JwtModule.register",
		regex:       `(?i)\bJwtModule\.register(?:Async)?\([ \t]*\{[^;]{0,400}?\bsecret["']?[ \t]*:[ \t]*` + signingLiteral,
		keywords:    []string{"jwtmodule.register"},
		tags:        []string{"code", "jwt", "signing-key"},
		weakOK:      true,
		check:       signingKeyCheck,
		tps: []string{
			"  imports: [\n    JwtModule.register({\n      global: true,\n      secret: 'zork',\n      signOptions: { expiresIn: '7d' },\n    }),\n  ],\n",
			"    JwtModule.register({\n      secret: \"Mi_zork_secreto\", // llave\n      signOptions:{expiresIn:'60m'}\n    }),\n",
			"JwtModule.registerAsync({\n  useFactory: () => ({ secret: 'zork-4711', signOptions: { expiresIn: '1h' } }),\n})\n",
		},
		fps: []string{
			"    JwtModule.register({\n      secret: process.env.JWT_SECRET,\n      signOptions: { expiresIn: '60s' },\n    }),\n",
			"    JwtModule.register({ secret: jwtConstants.secret }),\n",
			"JwtModule.registerAsync({\n  useFactory: (config: ConfigService) => ({ secret: config.get('JWT_SECRET') }),\n})\n",
			"    JwtModule.register({ secret: 'your-secret-key' }),\n",
		},
	})
}
