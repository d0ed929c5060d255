import React from "react";

export function View() {
  const key = "pk_FAKEEXAMPLE01";
  return <div data-key="attr_FAKE02">{key}</div>;
}
