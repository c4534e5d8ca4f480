// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// A minimal pausable token-like contract for the evm-contract probe tests (compiled offline with solcjs).
contract Pausable {
    address public owner;
    bool public paused;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    constructor(uint256 supply) {
        owner = msg.sender;
        totalSupply = supply;
        balanceOf[msg.sender] = supply;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    function pause() external onlyOwner {
        paused = true;
    }

    function unpause() external onlyOwner {
        paused = false;
    }

    /// Reverts while paused, like a protocol's entry points do.
    function quote() external view returns (uint256) {
        require(!paused, "paused");
        return 42;
    }
}
